import { appendFile, cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, relative } from "node:path";
import type { BuildOutcome } from "../../engine/clients/image-builder.ts";
import { runLabels } from "../../kernel/run-labels.ts";
import type { Exercise } from "../../exercise/exercise.ts";
import { text } from "../../kernel/text.ts";
import { failed, passed, type Verdict } from "../../kernel/check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import type { CheckContext } from "../context.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { dockerfileLines } from "../shared-setup/dockerfile-lines.ts";
import { buildFailureVerdict } from "./build-failure.ts";
import { DEPENDENCY_STEP, judgeRebuild, readBuildSteps, type CacheJudgement, type RebuiltStep } from "./cache-steps.ts";
import { formatSeconds } from "./units.ts";

/** Comment syntax by extension; anything else takes `#` (shell, Python, Makefile, YAML, text). */
const LINE_COMMENT: Readonly<Record<string, (words: string) => string>> = {
  ".c": (words) => `/* ${words} */`,
  ".h": (words) => `/* ${words} */`,
  ".css": (words) => `/* ${words} */`,
  ".html": (words) => `<!-- ${words} -->`,
  ".js": (words) => `// ${words}`,
  ".ts": (words) => `// ${words}`,
  ".go": (words) => `// ${words}`,
};

/**
 * Chapter 10: an edit of the application's sources rebuilds the application, not its dependencies.
 * A copy of the submission is built twice through the run's builder: unedited first (a control that
 * also warms the cache, whatever happened to it since the run's build: BuildKit keys a COPY by the
 * content copied, not by the folder), then with a harmless line appended to the exercise's probe
 * file; BuildKit's log says which steps ran again. The line holds the run id: an edit made by an
 * earlier run would find its own result in the cache and rebuild nothing.
 */
export function cacheReuseCheck(exercise: Exercise, options: { dependencyStep?: RegExp } = {}, overrides: CheckOverrides = {}) {
  const build = exercise.build;
  const probe = build?.cacheProbe?.edit;
  if (!build || !probe) throw new Error(`cacheReuseCheck: exercise ${exercise.id} has no build.cacheProbe to edit`);
  return defineCheck(
    {
      id: "cache-reuse",
      title: text(`Modifier ${probe} ne réinstalle pas les dépendances`, `Editing ${probe} does not reinstall the dependencies`),
      points: 3,
      needs: ["build"],
      course: COURSE.performance.layersAndCache,
      hint: text(
        "Copiez d'abord le seul manifeste de dépendances, installez-les, puis copiez le code de l'application : `COPY packages.txt .`, `RUN apt-get ...`, puis `COPY src/ src/`. Chaque étape dont une entrée change est refaite, avec toutes celles qui la suivent.",
        "Copy the dependency manifest alone first, install, then copy the application's code: `COPY packages.txt .`, `RUN apt-get ...`, then `COPY src/ src/`. Every step whose input changes runs again, with all the steps after it.",
      ),
      timeoutMs: (build.timeoutSeconds + 60) * 1000,
      async run(ctx) {
        const steps = readBuildSteps(await readFile(ctx.submission.dockerfile as string, "utf8"));
        const dependencyStep = options.dependencyStep ?? DEPENDENCY_STEP;
        const { controlLog, edited: outcome } = await rebuildTwice(ctx, probe, build.timeoutSeconds * 1000);
        // A step the control ran again changes its cache key at every build: no edit can be judged by it.
        const [volatile] = judgeRebuild(controlLog, steps, dependencyStep).rebuiltDependencies;
        if (volatile) {
          throw new Error(
            `BuildKit ran \`${volatile.text}\` again on an unchanged copy: its cache key changes from one build to the next ` +
              "(a per-build --cgroup-parent does that), so what an edit rebuilds cannot be measured",
          );
        }
        const file = (await ctx.use(dockerfileLines))?.file;
        if (!outcome.ok) {
          return buildFailureVerdict(
            outcome,
            {
              tooSlow: text(
                `Après modification de ${probe}, la reconstruction dépasse ${build.timeoutSeconds} s.`,
                `After editing ${probe}, the rebuild takes longer than ${build.timeoutSeconds} s.`,
              ),
              fails: text(`Après modification de ${probe}, la reconstruction échoue.`, `After editing ${probe}, the rebuild fails.`),
            },
            file,
          );
        }
        return verdict(judgeRebuild(outcome.log, steps, dependencyStep), probe, outcome.durationMs, file);
      },
    },
    overrides,
  );
}

/** The control build of a copy of the submission, then the build of the copy edited; the image goes with the check. */
async function rebuildTwice(ctx: CheckContext, probe: string, timeoutMs: number): Promise<{ controlLog: string; edited: BuildOutcome }> {
  const { root, contextDir, dockerfile } = ctx.submission;
  if (!contextDir || !dockerfile) throw new Error(`exercise ${ctx.exercise.id} has no build section to rebuild`);
  const scratch = await mkdtemp(join(tmpdir(), "dockgrade-cache-probe-"));
  const tag = `dockgrade-run-${ctx.runId}:cache-probe`;
  try {
    // Links were checked to stay inside the submission: copied as they are, they stay inside the copy.
    await cp(root, scratch, { recursive: true, verbatimSymlinks: true });
    const build = () =>
      ctx.engine.builder.build({
        contextDir: join(scratch, relative(root, contextDir)),
        dockerfile: join(scratch, relative(root, dockerfile)),
        tag,
        labels: runLabels(ctx.runId, ctx.exercise.id),
        ...(ctx.exercise.build?.target ? { target: ctx.exercise.build.target } : {}),
        timeoutMs,
        signal: ctx.signal,
      });
    const control = await build();
    // The run's build of the same files passed: a control that fails is the grader's trouble.
    if (!control.ok) throw new Error(`the unedited copy did not rebuild (${control.reason}) though the run's build passed`);
    const comment = LINE_COMMENT[extname(probe)] ?? ((words: string) => `# ${words}`);
    await appendFile(join(scratch, probe), `\n${comment(`dockgrade cache probe ${ctx.runId}`)}\n`);
    return { controlLog: control.log, edited: await build() };
  } finally {
    // A cancelled build may still have tagged the image; the run's sweep catches what a crash leaves.
    await ctx.engine.images.remove(tag, { force: true }).catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
  }
}

function verdict(judgement: CacheJudgement, probe: string, durationMs: number, file: string | undefined): Verdict {
  const { rebuilt, rebuiltDependencies, brokenAt, unnamed } = judgement;
  const details = rebuilt.map((step) => `${step.line === undefined ? "" : `line ${step.line}: `}${step.text}`).join("\n") || undefined;
  const took = formatSeconds(durationMs);
  if (rebuiltDependencies.length === 0 && unnamed > 0) {
    throw new Error(`the rebuild's log lost the names of ${unnamed} rebuilt step(s): it was cut before they started`);
  }
  const [first] = rebuilt;
  if (!first) {
    return passed(text(`Après modification de ${probe}, tout vient du cache (${took}).`, `After editing ${probe}, everything came from the cache (${took}).`));
  }
  if (!brokenAt) {
    return passed(
      text(
        `Après modification de ${probe}, reconstruit en ${took} à partir de ${name(first, "fr")} ; les dépendances viennent du cache.`,
        `After editing ${probe}, rebuilt in ${took} from ${name(first, "en")} on; the dependencies came from the cache.`,
      ),
      details,
    );
  }
  const dependency = rebuiltDependencies[0] as RebuiltStep;
  return failed(
    text(
      `${name(brokenAt, "fr")} invalide le cache : ${name(dependency, "fr")} est refait à chaque modification de ${probe} (reconstruction : ${took}).`,
      `${name(brokenAt, "en")} breaks the cache: ${name(dependency, "en")} runs again on every edit of ${probe} (rebuild: ${took}).`,
    ),
    {
      expected: "dependency steps: CACHED",
      actual: rebuiltDependencies.map((step) => `rebuilt: ${step.text}`).join("\n"),
      ...(details ? { details } : {}),
      ...(file && brokenAt.line !== undefined ? { location: { file, line: brokenAt.line } } : {}),
    },
  );
}

/** `COPY . .` (ligne 4): the instruction as BuildKit printed it, cut to a readable length. */
function name(step: RebuiltStep, lang: "fr" | "en"): string {
  const words = step.text.length > 70 ? `${step.text.slice(0, 67)}...` : step.text;
  if (step.line === undefined) return `\`${words}\``;
  return `\`${words}\` (${lang === "fr" ? "ligne" : "line"} ${step.line})`;
}
