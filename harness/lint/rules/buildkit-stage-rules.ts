import { From } from "dockerfile-ast";
import { COURSE } from "../../kernel/course-outline.ts";
import { text } from "../../kernel/text.ts";
import { hitAt, type LintHit, type LintRule } from "../lint-rule.ts";
import type { LintedDockerfile, LintInstruction } from "../linted-dockerfile.ts";

/** Names BuildKit gives a meaning of its own: `FROM scratch` is the empty image, `context` the build context (`--build-context`). */
const RESERVED_STAGE_NAMES = ["scratch", "context"];

export const stageNameCasingRule: LintRule = {
  id: "DG3101",
  buildkit: "StageNameCasing",
  severity: "warning",
  title: text("Des noms d'étape en minuscules", "Lower-case stage names"),
  help: text(
    "BuildKit (sa vérification StageNameCasing) veut les noms d'étape en minuscules : `FROM … AS builder-base`, pas `AS BuilderBase`. Les mots-clés (FROM, COPY…) se distinguent alors des noms que vous choisissez, et `COPY --from=` ou `--target` les écrivent de la même façon partout.",
    "BuildKit (its StageNameCasing check) wants stage names in lower case: `FROM … AS builder-base`, not `AS BuilderBase`. Keywords (FROM, COPY…) then stand apart from the names you choose, and `COPY --from=` or `--target` spell them the same everywhere.",
  ),
  course: COURSE.build.multiStage,
  check: (dockerfile) =>
    stages(dockerfile)
      .filter(({ name }) => name !== name.toLowerCase())
      .map(({ at, name }) => hitAt(at, text(`Le nom d'étape \`${name}\` devrait être en minuscules.`, `Stage name \`${name}\` should be lower case.`))),
};

export const fromAsCasingRule: LintRule = {
  id: "DG3102",
  buildkit: "FromAsCasing",
  severity: "warning",
  title: text("`AS` écrit comme `FROM`", "`AS` written like `FROM`"),
  help: text(
    "`FROM debian:12 as build` mélange les casses : BuildKit (FromAsCasing) demande `FROM … AS …` ou `from … as …`. Un Dockerfile se lit mieux quand ses mots-clés ont tous la même casse.",
    "`FROM debian:12 as build` mixes cases: BuildKit (FromAsCasing) asks for `FROM … AS …` or `from … as …`. A Dockerfile reads better when its keywords all share one case.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) =>
    dockerfile.instructions.flatMap((instruction): LintHit[] => {
      if (instruction.keyword !== "FROM" || !(instruction.node instanceof From)) return [];
      const from = instruction.node.getInstruction();
      const as = instruction.node.getArguments()[1]?.getValue();
      // A mixed-case `From` is ConsistentInstructionCasing's to report, as BuildKit does.
      if (as === undefined || as.toLowerCase() !== "as" || (from !== from.toUpperCase() && from !== from.toLowerCase())) return [];
      const wanted = from === from.toUpperCase() ? "AS" : "as";
      return as === wanted
        ? []
        : [
            hitAt(
              instruction,
              text(
                `\`${as}\` et \`${from}\` n'ont pas la même casse : écrivez \`${wanted}\`.`,
                `\`${as}\` and \`${from}\` differ in case: write \`${wanted}\`.`,
              ),
            ),
          ];
    }),
};

export const duplicateStageNameRule: LintRule = {
  id: "DG3103",
  buildkit: "DuplicateStageName",
  severity: "warning",
  title: text("Des noms d'étape uniques", "Unique stage names"),
  help: text(
    "Deux étapes du même nom (`AS builder` deux fois) : `COPY --from=builder` et `--target builder` ne désignent plus clairement l'une ou l'autre. BuildKit (DuplicateStageName) demande un nom par étape, par exemple `deb-builder` et `go-builder`.",
    "Two stages with one name (`AS builder` twice): `COPY --from=builder` and `--target builder` no longer clearly name either. BuildKit (DuplicateStageName) asks for one name per stage, such as `deb-builder` and `go-builder`.",
  ),
  course: COURSE.build.multiStage,
  check: (dockerfile) =>
    stages(dockerfile)
      .filter(({ name }, index, all) => all.slice(0, index).some((earlier) => earlier.name.toLowerCase() === name.toLowerCase()))
      .map(({ at, name }) => hitAt(at, text(`Une étape s'appelle déjà \`${name}\` plus haut.`, `A stage above is already called \`${name}\`.`))),
};

export const reservedStageNameRule: LintRule = {
  id: "DG3104",
  buildkit: "ReservedStageName",
  severity: "warning",
  title: text("Pas de nom d'étape réservé", "No reserved stage name"),
  help: text(
    "`scratch` est l'image vide et `context` le contexte de construction : une étape qui s'appelle ainsi rend `FROM scratch` ou `COPY --from=context` ambigus. BuildKit (ReservedStageName) les réserve ; choisissez un autre nom, comme `builder`.",
    "`scratch` is the empty image and `context` the build context: a stage with either name makes `FROM scratch` or `COPY --from=context` ambiguous. BuildKit (ReservedStageName) reserves them; choose another name, such as `builder`.",
  ),
  course: COURSE.build.multiStage,
  check: (dockerfile) =>
    stages(dockerfile)
      .filter(({ name }) => RESERVED_STAGE_NAMES.includes(name.toLowerCase()))
      .map(({ at, name }) => hitAt(at, text(`\`${name}\` est un nom réservé par BuildKit.`, `\`${name}\` is a name BuildKit reserves.`))),
};

/** Each named stage, with its FROM. */
function stages(dockerfile: LintedDockerfile): { at: LintInstruction; name: string }[] {
  return dockerfile.instructions.flatMap((instruction) => {
    if (instruction.keyword !== "FROM" || instruction.onbuild || !(instruction.node instanceof From)) return [];
    const name = instruction.node.getBuildStage();
    return name ? [{ at: instruction, name }] : [];
  });
}
