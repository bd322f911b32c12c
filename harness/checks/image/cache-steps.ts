import { DockerfileParser } from "dockerfile-ast";

/**
 * Which steps of a rebuild BuildKit took from its cache, read from its plain progress log and placed
 * on the Dockerfile's lines. Pure: the cache-reuse check builds, this only reads.
 */

/** An instruction BuildKit runs as a step of its own, numbered as its progress log numbers it. */
export interface BuildStep {
  /** The stage as BuildKit names it: its alias in lower case, `stage-N`, or "" in a one-stage Dockerfile. */
  readonly stage: string;
  /** 1-based within the stage, its FROM being 1: the `i` of `[stage i/n]`. */
  readonly index: number;
  readonly keyword: string;
  /** 1-based line of the instruction in the Dockerfile. */
  readonly line: number;
}

/** A step the rebuild ran again instead of taking it from the cache. */
export interface RebuiltStep {
  /** The instruction as BuildKit printed it, arguments expanded (`RUN apt-get install -y gcc`). */
  readonly text: string;
  /** Undefined when the log names a step the Dockerfile does not hold (another Dockerfile). */
  readonly line: number | undefined;
}

/** What the rebuild ran again, in Dockerfile order, and where the cache broke for a dependency step. */
export interface CacheJudgement {
  readonly rebuilt: readonly RebuiltStep[];
  /** Rebuilt steps that install dependencies: those an edit of the application must not rerun. */
  readonly rebuiltDependencies: readonly RebuiltStep[];
  /** The first rebuilt step of the first rebuilt dependency step's stage: the instruction that broke the cache. */
  readonly brokenAt: RebuiltStep | undefined;
  /** Steps whose outcome the log names without saying which step they are (its start was cut). */
  readonly unnamed: number;
}

/** BuildKit gives these a step number; ENV, LABEL, USER, ARG... only change the configuration. */
const STEP_KEYWORDS = new Set(["FROM", "RUN", "COPY", "ADD", "WORKDIR"]);

/**
 * Package managers installing, updating or fetching, and the `make deps` idiom: steps whose result
 * depends on a dependency manifest, never on the application's sources.
 */
export const DEPENDENCY_STEP =
  /^RUN\b.*(\b(apt-get|apt|apk|dnf|yum|microdnf|zypper)\s+(-\S+\s+)*(install|add|update|upgrade)\b|\b(pip3?|npm|yarn|pnpm|gem|bundle|composer|cargo|go)\s+(-\S+\s+)*(install|ci|add|download|fetch|get|sync)\b|\bgo\s+mod\s+download\b|\bmake\s+(-\S+\s+)*deps\b)/i;

export function readBuildSteps(source: string): BuildStep[] {
  const stages: { alias: string | undefined; steps: Omit<BuildStep, "stage">[] }[] = [];
  for (const instruction of DockerfileParser.parse(source).getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (!STEP_KEYWORDS.has(keyword)) continue;
    if (keyword === "FROM") {
      const [, as, alias] = (instruction.getArgumentsContent() ?? "").split(/\s+/).filter((word) => !word.startsWith("--"));
      stages.push({ alias: as?.toLowerCase() === "as" ? alias?.toLowerCase() : undefined, steps: [] });
    }
    const stage = stages.at(-1);
    // A RUN before any FROM does not build; the build check reports it.
    if (stage) stage.steps.push({ index: stage.steps.length + 1, keyword, line: instruction.getRange().start.line + 1 });
  }
  return stages.flatMap(({ alias, steps }, at) => {
    const stage = stages.length === 1 ? "" : (alias ?? `stage-${at}`);
    return steps.map((step) => ({ stage, ...step }));
  });
}

/** After `#N `: a step's header `[build 3/5] COPY src/ src/` or `[ 1/11] FROM ...`; `[internal]` has no number. */
const STEP_HEADER = /^\[(?:([^\s\]]+)\s+)?\s*(\d+)\/\d+\] (.*)$/;
/** After `#N `: what a vertex prints after its header, a timestamped output line or its outcome. */
const AFTER_HEADER = /^(\d+\.\d+ |CACHED|DONE\b|ERROR\b|CANCELED\b)/;

interface LoggedStep {
  stage: string;
  index: number;
  text: string;
  cached: boolean;
  ran: boolean;
  /** Its first line in the log is not its header: the log was cut while it ran. */
  headless: boolean;
}

/** Judges a rebuild from its log: which steps ran again, and which of them install dependencies. */
export function judgeRebuild(log: string, steps: readonly BuildStep[], isDependency: RegExp = DEPENDENCY_STEP): CacheJudgement {
  const logged = readVertices(log);
  const known = [...logged.values()];
  const unnamed = known.filter((step) => step.text === undefined && step.headless && step.ran && !step.cached).length;
  const rebuilt = known
    .filter((step): step is LoggedStep => step.text !== undefined && step.ran === true && step.cached !== true && !/^FROM\b/i.test(step.text))
    .map((step) => ({ step, position: steps.findIndex((candidate) => candidate.stage === step.stage && candidate.index === step.index) }))
    .sort((a, b) => order(a.position) - order(b.position))
    .map(({ step, position }) => ({ text: step.text, line: steps[position]?.line, stage: step.stage }));
  const dependencies = rebuilt.filter((step) => isDependency.test(step.text));
  const first = dependencies[0];
  const brokenAt = first ? rebuilt.find((step) => step.stage === first.stage) : undefined;
  return { rebuilt: rebuilt.map(plain), rebuiltDependencies: dependencies.map(plain), brokenAt: brokenAt && plain(brokenAt), unnamed };
}

/** Steps the Dockerfile does not hold go last, in log order. */
function order(position: number): number {
  return position < 0 ? Number.MAX_SAFE_INTEGER : position;
}

function plain(step: RebuiltStep & { stage: string }): RebuiltStep {
  return { text: step.text, line: step.line };
}

/** Each vertex of a plain progress log by number; a header printed again (interleaved output) names it again. */
function readVertices(log: string): Map<string, Partial<LoggedStep>> {
  const logged = new Map<string, Partial<LoggedStep>>();
  for (const line of log.split(/\r?\n/)) {
    const [, vertex, rest = ""] = /^#(\d+) (.*)$/.exec(line) ?? [];
    if (vertex === undefined) continue;
    const seen = logged.get(vertex) ?? { headless: AFTER_HEADER.test(rest) };
    const [, stage = "", index = "", text = ""] = STEP_HEADER.exec(rest) ?? [];
    if (text) logged.set(vertex, { ...seen, stage: stage.toLowerCase(), index: Number(index), text: text.trim() });
    // A FROM may print DONE, then CACHED: one CACHED is enough to say the step came from the cache.
    else if (rest === "CACHED") logged.set(vertex, { ...seen, cached: true });
    else if (/^(DONE|ERROR|CANCELED)\b/.test(rest)) logged.set(vertex, { ...seen, ran: true });
    else logged.set(vertex, seen);
  }
  return logged;
}
