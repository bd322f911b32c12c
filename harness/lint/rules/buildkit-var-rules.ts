import { Arg, Env, From } from "dockerfile-ast";
import { COURSE } from "../../kernel/course-outline.ts";
import { text, type Text } from "../../kernel/text.ts";
import type { LintHit, LintRule } from "../lint-rule.ts";
import { type LintedDockerfile, type LintInstruction, withStageState } from "../linted-dockerfile.ts";
import { DEFAULT_ENV, globalArgs, isBuilderArg, nearMiss, PLATFORM_ARGS, usedVariables } from "./buildkit-build-args.ts";

/** The instructions whose words the frontend expands; a RUN, CMD or ENTRYPOINT leaves `$` to the shell, or to nobody in exec form. */
const EXPANDING = ["ADD", "COPY", "ENV", "EXPOSE", "LABEL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR", "ARG"];

/** What a stage has declared so far, and whether that is all it has: only a stage built on scratch has no image ENV we cannot see. */
interface Scope {
  readonly names: ReadonlySet<string>;
  readonly complete: boolean;
}

export const undefinedVarRule: LintRule = {
  id: "DG3125",
  buildkit: "UndefinedVar",
  severity: "warning",
  title: text("Des variables déclarées avant d'être utilisées", "Variables declared before they are used"),
  help: text(
    "Dans COPY, ENV, WORKDIR, LABEL, USER…, `$NOM` vient d'un `ARG` ou d'un `ENV` de l'étape (ou de l'étape dont elle part, ou de l'image de base). Une variable inconnue vaut une chaîne vide, sans erreur : `COPY $DIR_ASSET .` copie tout le contexte (BuildKit : UndefinedVar). Un ARG d'avant le premier FROM, ou TARGETARCH et les autres ARG de plateforme, doivent être redéclarés dans l'étape : `ARG TARGETARCH`. Nous ne voyons pas l'ENV de l'image de base : nous ne signalons qu'une faute de frappe probable, ou ce qui manque à coup sûr.",
    "In COPY, ENV, WORKDIR, LABEL, USER…, `$NAME` comes from an `ARG` or `ENV` of the stage (or of the stage it starts from, or of the base image). An unknown variable is an empty string, with no error: `COPY $DIR_ASSET .` copies the whole context (BuildKit: UndefinedVar). An ARG from before the first FROM, or TARGETARCH and the other platform ARGs, must be declared again in the stage: `ARG TARGETARCH`. We cannot see the base image's ENV: we report only a likely typo, or what is certainly missing.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) => {
    const globals = globalArgs(dockerfile);
    const source = dockerfile.source.split(/\r?\n/);
    return withStageState<Scope>(dockerfile, { names: new Set(), complete: false }, (scope, instruction) => step(dockerfile, scope, instruction))
      .filter(({ instruction }) => instruction.stage >= 0 && !instruction.onbuild && EXPANDING.includes(instruction.keyword))
      .flatMap(({ instruction, before }) =>
        usedVariables(instruction.node, source)
          .filter(({ guarded }) => !guarded)
          .flatMap(({ name, line, column }): LintHit[] => {
            const message = undefinedMessage(name, before, globals);
            return message ? [{ line, column, message }] : [];
          }),
      );
  },
};

function step(dockerfile: LintedDockerfile, scope: Scope, instruction: LintInstruction): Scope {
  const { node } = instruction;
  if (node instanceof From && dockerfile.parents[instruction.stage] === undefined)
    return { names: new Set(), complete: (node.getImage() ?? "").toLowerCase() === "scratch" };
  if (!(node instanceof Arg || node instanceof Env)) return scope;
  return { ...scope, names: new Set([...scope.names, ...node.getProperties().map((property) => property.getName())]) };
}

/** Why `name` is undefined here, when we can tell for sure or it looks like a typo; undefined otherwise. */
function undefinedMessage(name: string, scope: Scope, globals: ReadonlyMap<string, string | undefined>): Text | undefined {
  if (scope.names.has(name) || DEFAULT_ENV.includes(name) || isBuilderArg(name)) return undefined;
  // No image sets these as ENV: a stage sees them only through its own ARG.
  if (PLATFORM_ARGS.has(name))
    return text(
      `\`$${name}\` est un ARG de BuildKit : déclarez \`ARG ${name}\` dans l'étape pour le voir.`,
      `\`$${name}\` is a BuildKit ARG: declare \`ARG ${name}\` in the stage to see it.`,
    );
  if (scope.complete && globals.has(name))
    return text(
      `\`$${name}\` est déclaré avant le premier FROM : redéclarez \`ARG ${name}\` dans l'étape.`,
      `\`$${name}\` is declared before the first FROM: declare \`ARG ${name}\` again in the stage.`,
    );
  // A short name is too close to too many others to call a typo when the base image may define it.
  const suggestion = scope.complete || name.length > 3 ? nearMiss(name, [...scope.names, ...DEFAULT_ENV]) : undefined;
  if (suggestion)
    return text(`\`$${name}\` n'est pas déclaré (vouliez-vous dire \`$${suggestion}\` ?).`, `\`$${name}\` is not declared (did you mean \`$${suggestion}\`?).`);
  if (scope.complete)
    return text(
      `\`$${name}\` n'est déclaré par aucun ARG ni ENV de l'étape : il vaut une chaîne vide.`,
      `\`$${name}\` is declared by no ARG or ENV of the stage: it is an empty string.`,
    );
  return undefined;
}
