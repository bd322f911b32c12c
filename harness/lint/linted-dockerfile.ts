import { DockerfileParser, type Instruction, Onbuild } from "dockerfile-ast";
import { readFromLines, type FromLine } from "../dockerfile/from-lines.ts";
import { readFinalStage } from "../dockerfile/instruction-lines.ts";
import { readShellScript, type ShellCommand } from "./shell-script.ts";

/** One instruction, where an editor shows it, and where it sits among the stages. */
export interface LintInstruction {
  /** Upper case, whatever case the student wrote. */
  readonly keyword: string;
  /** 1-based, of the keyword. */
  readonly line: number;
  readonly column: number;
  /** The arguments without `--flags`, continuation lines joined (a comment line inside a continuation is kept, from its `#`). */
  readonly args: string;
  /** Index of its stage; -1 for the global ARGs before the first FROM. */
  readonly stage: number;
  /** Part of what ships: the final stage or a stage it is built FROM. A builder stage only copied from does not ship. */
  readonly shipped: boolean;
  /**
   * The trigger of an `ONBUILD` (keyword, place and node are the trigger's): it runs in the build of
   * every image FROM this one, so the rules read it as shipped, but it is not this image's own USER,
   * HEALTHCHECK, SHELL or WORKDIR.
   */
  readonly onbuild: boolean;
  /** Last line of the instruction, continuations included. */
  readonly endLine: number;
  readonly node: Instruction;
}

/** What the lint knows of a Dockerfile beyond its text, when its caller read it. */
export interface LintSurroundings {
  /** The build context's `.dockerignore` text (CopyIgnoredFile). */
  readonly dockerignore?: string;
  /** A file the exercise provides, changed from the starter's copy (harness/lint/provided-dockerfiles.ts). */
  readonly changedProvided?: boolean;
}

/** A Dockerfile read once for every lint rule. */
export interface LintedDockerfile extends LintSurroundings {
  readonly source: string;
  readonly instructions: readonly LintInstruction[];
  /** Each FROM, with build args before the first FROM substituted. */
  readonly froms: readonly FromLine[];
  /** The final stage's FROM; undefined for a text without one. */
  readonly finalFrom: LintInstruction | undefined;
  /** For each stage, the earlier stage it is built FROM (`FROM base`); undefined for an image or scratch. */
  readonly parents: readonly (number | undefined)[];
}

export function readLintedDockerfile(source: string, surroundings: LintSurroundings = {}): LintedDockerfile {
  const final = readFinalStage(source);
  // The final image's instructions, by line: `readFinalStage` already follows `FROM <stage>` chains.
  const shippedLines = new Set(final ? [final.from.line, ...final.instructions.map((instruction) => instruction.line)] : []);
  let stage = -1;
  const instructions = DockerfileParser.parse(source)
    .getInstructions()
    .map((node): LintInstruction => {
      const keyword = node.getKeyword().toUpperCase();
      if (keyword === "FROM") stage += 1;
      const trigger = node instanceof Onbuild ? node.getTriggerInstruction() : null;
      const read = trigger ?? node;
      const { start, end } = read.getRange();
      return {
        keyword: read.getKeyword().toUpperCase(),
        line: start.line + 1,
        column: start.character + 1,
        args: read.getArgumentsContent() ?? "",
        stage,
        shipped: trigger !== null || shippedLines.has(start.line + 1),
        onbuild: trigger !== null,
        endLine: end.line + 1,
        node: read,
      };
    });
  const finalFrom = final ? instructions.find((instruction) => instruction.line === final.from.line) : undefined;
  const froms = readFromLines(source);
  return { ...surroundings, source, instructions, froms, finalFrom, parents: stageParents(froms) };
}

/** Stage aliases are case-insensitive; `FROM base` names the last earlier stage called base. */
function stageParents(froms: readonly FromLine[]): (number | undefined)[] {
  return froms.map((from, index) => {
    const parent = froms.slice(0, index).findLastIndex((earlier) => earlier.alias?.toLowerCase() === from.written.toLowerCase());
    return parent === -1 ? undefined : parent;
  });
}

/**
 * What a stage knows at each instruction, from its own instructions before it and from the stage
 * it is built FROM (an image's settings are unknown: `initial`). `step` folds the image's own
 * instructions only, never an ONBUILD trigger. Pairs each instruction with the state before it.
 */
export function withStageState<State>(
  dockerfile: LintedDockerfile,
  initial: State,
  step: (state: State, instruction: LintInstruction) => State,
): { instruction: LintInstruction; before: State }[] {
  const ends: State[] = [];
  let state = initial;
  return dockerfile.instructions.map((instruction) => {
    if (instruction.keyword === "FROM" && !instruction.onbuild) {
      const parent = dockerfile.parents[instruction.stage];
      state = parent === undefined ? initial : (ends[parent] as State);
    }
    const before = state;
    if (!instruction.onbuild) state = step(state, instruction);
    if (instruction.stage >= 0) ends[instruction.stage] = state;
    return { instruction, before };
  });
}

/** Instructions of the final image with this keyword, in build order. */
export function shippedInstructions(dockerfile: LintedDockerfile, keyword: string): LintInstruction[] {
  return dockerfile.instructions.filter((instruction) => instruction.shipped && !instruction.onbuild && instruction.keyword === keyword);
}

/** Shell-form RUNs with their commands (an exec-form RUN runs one program, no shell). */
export function shellRuns(dockerfile: LintedDockerfile): { instruction: LintInstruction; commands: ShellCommand[] }[] {
  return dockerfile.instructions
    .filter((instruction) => instruction.keyword === "RUN" && !isExecForm(instruction.args))
    .map((instruction) => ({ instruction, commands: readShellScript(instruction.args) }));
}

/** `CMD ["a", "b"]`: a JSON array of strings, run without a shell. Anything else is shell form. */
export function isExecForm(args: string): boolean {
  if (!args.trimStart().startsWith("[")) return false;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === "string");
  } catch {
    return false;
  }
}
