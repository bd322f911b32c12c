import { Arg, DockerfileParser, Env, Label } from "dockerfile-ast";
import { COURSE } from "../../kernel/course-outline.ts";
import { text } from "../../kernel/text.ts";
import { hitAt, type LintHit, type LintRule } from "../lint-rule.ts";
import type { LintInstruction } from "../linted-dockerfile.ts";

/** An image has one of each: a second one in the same stage replaces the first. */
const ONCE_PER_STAGE = ["CMD", "ENTRYPOINT", "HEALTHCHECK"];

export const maintainerDeprecatedRule: LintRule = {
  id: "DG3110",
  buildkit: "MaintainerDeprecated",
  severity: "warning",
  title: text("Un label plutôt que MAINTAINER", "A label rather than MAINTAINER"),
  help: text(
    "MAINTAINER est dépréciée (BuildKit : MaintainerDeprecated). L'auteur d'une image se déclare par le label OCI standard : `LABEL org.opencontainers.image.authors=\"vous@exemple.org\"`, que `docker inspect` et les registres savent lire.",
    'MAINTAINER is deprecated (BuildKit: MaintainerDeprecated). An image\'s author is declared by the standard OCI label: `LABEL org.opencontainers.image.authors="you@example.org"`, which `docker inspect` and registries can read.',
  ),
  course: COURSE.build.ociLabels,
  check: (dockerfile) =>
    dockerfile.instructions
      .filter((instruction) => instruction.keyword === "MAINTAINER")
      .map((instruction) =>
        hitAt(
          instruction,
          text(
            `Écrivez \`LABEL org.opencontainers.image.authors="${instruction.args.trim()}"\`.`,
            `Write \`LABEL org.opencontainers.image.authors="${instruction.args.trim()}"\`.`,
          ),
        ),
      ),
};

export const multipleInstructionsRule: LintRule = {
  id: "DG3111",
  buildkit: "MultipleInstructionsDisallowed",
  severity: "warning",
  title: text("Un seul CMD, ENTRYPOINT et HEALTHCHECK par étape", "One CMD, ENTRYPOINT and HEALTHCHECK per stage"),
  help: text(
    "Une image n'a qu'un CMD, un ENTRYPOINT et un HEALTHCHECK : dans une même étape, le dernier remplace les précédents, qui ne servent à rien (BuildKit : MultipleInstructionsDisallowed). Gardez celui que vous voulez ; pour lancer plusieurs commandes, écrivez un script.",
    "An image has one CMD, one ENTRYPOINT and one HEALTHCHECK: within a stage, the last one replaces the earlier ones, which do nothing (BuildKit: MultipleInstructionsDisallowed). Keep the one you mean; to run several commands, write a script.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) => {
    const hits: LintHit[] = [];
    const last = new Map<string, LintInstruction>();
    for (const instruction of dockerfile.instructions) {
      if (instruction.onbuild || !ONCE_PER_STAGE.includes(instruction.keyword)) continue;
      const key = `${instruction.stage} ${instruction.keyword}`;
      const earlier = last.get(key);
      // On the one that is ignored, as BuildKit reports it.
      if (earlier)
        hits.push(
          hitAt(
            earlier,
            text(
              `Ce ${earlier.keyword} est remplacé par celui de la ligne ${instruction.line} : il ne sert à rien.`,
              `This ${earlier.keyword} is replaced by the one on line ${instruction.line}: it does nothing.`,
            ),
          ),
        );
      last.set(key, instruction);
    }
    return hits;
  },
};

export const legacyKeyValueRule: LintRule = {
  id: "DG3112",
  buildkit: "LegacyKeyValueFormat",
  severity: "warning",
  title: text("`ENV clé=valeur`, avec un `=`", "`ENV key=value`, with an `=`"),
  help: text(
    "`ENV clé valeur` (sans `=`) est l'ancienne forme, dépréciée (BuildKit : LegacyKeyValueFormat) : elle ne déclare qu'une variable, dont la valeur est tout le reste de la ligne. Écrivez `ENV clé=valeur` (entre guillemets si la valeur a des espaces), de même pour LABEL ; `ARG a b` déclare deux ARG sans valeur, pas `a=b`.",
    "`ENV key value` (without `=`) is the old, deprecated form (BuildKit: LegacyKeyValueFormat): it declares a single variable whose value is the rest of the line. Write `ENV key=value` (quoted when the value has spaces), likewise for LABEL; `ARG a b` declares two ARGs without values, not `a=b`.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) =>
    dockerfile.instructions.flatMap((instruction): LintHit[] => {
      const { node } = instruction;
      if (!(node instanceof Env || node instanceof Label || node instanceof Arg)) return [];
      const legacy = node.getProperties().find((property) => property.getAssignmentOperator() === null && property.getValue() !== null);
      if (!legacy) return [];
      const name = legacy.getName();
      return [
        hitAt(
          instruction,
          node instanceof Arg
            ? text(
                `\`ARG ${instruction.args.trim()}\` déclare des ARG sans valeur ; pour une valeur par défaut, écrivez \`ARG ${name}=…\`.`,
                `\`ARG ${instruction.args.trim()}\` declares ARGs without values; for a default, write \`ARG ${name}=…\`.`,
              )
            : text(
                `Écrivez \`${instruction.keyword} ${name}=…\` plutôt que \`${instruction.keyword} ${name} …\`.`,
                `Write \`${instruction.keyword} ${name}=…\` rather than \`${instruction.keyword} ${name} …\`.`,
              ),
        ),
      ];
    }),
};

export const emptyContinuationRule: LintRule = {
  id: "DG3113",
  buildkit: "NoEmptyContinuation",
  severity: "warning",
  title: text("Pas de ligne vide dans une continuation `\\`", "No empty line inside a `\\` continuation"),
  help: text(
    "Une ligne vide après un `\\` de fin de ligne est encore tolérée, mais dépréciée : une prochaine version de BuildKit la refusera (NoEmptyContinuation) et la construction cassera. Supprimez la ligne vide, ou mettez-y un commentaire `#`.",
    "An empty line after a line-ending `\\` is still accepted but deprecated: a coming BuildKit release will refuse it (NoEmptyContinuation) and the build will break. Remove the empty line, or put a `#` comment on it.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) => {
    const lines = dockerfile.source.split(/\r?\n/);
    const escapeChar = DockerfileParser.parse(dockerfile.source).getEscapeCharacter();
    return dockerfile.instructions.flatMap((instruction): LintHit[] => {
      // Only while the instruction's own line goes on: a heredoc's body comes after it and may hold empty lines.
      for (let line = instruction.line; line < instruction.endLine; line += 1) {
        const current = (lines[line - 1] ?? "").trimEnd();
        if (current.trimStart().startsWith("#") && line > instruction.line) continue;
        if (!current.endsWith(escapeChar)) return [];
        const next = lines[line] ?? "";
        if (next.trim() === "")
          return [
            {
              line: line + 1,
              column: 1,
              message: text(
                `Ligne vide dans la continuation de \`${instruction.keyword}\` (ligne ${instruction.line}).`,
                `Empty line inside the continuation of \`${instruction.keyword}\` (line ${instruction.line}).`,
              ),
            },
          ];
      }
      return [];
    });
  },
};

export const consistentCasingRule: LintRule = {
  id: "DG3114",
  buildkit: "ConsistentInstructionCasing",
  severity: "warning",
  title: text("Des mots-clés tous en majuscules (ou tous en minuscules)", "Keywords all upper case (or all lower case)"),
  help: text(
    "`From`, `Run` ou un `copy` au milieu de `COPY` se lisent mal : BuildKit (ConsistentInstructionCasing) demande une seule casse pour tout le fichier, celle de la majorité de ses instructions. L'usage est les majuscules : `FROM`, `RUN`, `COPY`.",
    "`From`, `Run` or a `copy` among `COPY`s read badly: BuildKit (ConsistentInstructionCasing) asks for one case across the file, that of most of its instructions. The custom is upper case: `FROM`, `RUN`, `COPY`.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) => {
    const keywords = DockerfileParser.parse(dockerfile.source)
      .getInstructions()
      .map((node) => ({ written: node.getInstruction(), start: node.getInstructionRange().start }));
    const lower = keywords.filter(({ written }) => written === written.toLowerCase()).length;
    const upper = keywords.filter(({ written }) => written !== written.toLowerCase() && written === written.toUpperCase()).length;
    // BuildKit's tie goes to upper case.
    const majority = lower > upper ? "lower" : "upper";
    return keywords
      .filter(({ written }) => written !== (majority === "lower" ? written.toLowerCase() : written.toUpperCase()))
      .map(({ written, start }) => {
        const wanted = majority === "lower" ? written.toLowerCase() : written.toUpperCase();
        return {
          line: start.line + 1,
          column: start.character + 1,
          message: text(
            `\`${written}\` : écrivez \`${wanted}\`, comme la plupart des instructions du fichier.`,
            `\`${written}\`: write \`${wanted}\`, as most of the file's instructions are.`,
          ),
        };
      });
  },
};
