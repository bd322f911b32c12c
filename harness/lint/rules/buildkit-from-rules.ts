import { From } from "dockerfile-ast";
import { COURSE } from "../../kernel/course-outline.ts";
import { text } from "../../kernel/text.ts";
import { hitAt, type LintHit, type LintRule } from "../lint-rule.ts";
import type { LintedDockerfile, LintInstruction } from "../linted-dockerfile.ts";
import { expandWord, globalArgs, isBuilderArg, nearMiss, PLATFORM_ARGS, usedVariables } from "./buildkit-build-args.ts";

/** An image reference as the engine parses one (distribution's grammar): `[domain[:port]/]path[:tag][@digest]`. */
const DOMAIN = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?`;
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const IMAGE_REFERENCE = new RegExp(
  String.raw`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

export const undefinedArgInFromRule: LintRule = {
  id: "DG3120",
  buildkit: "UndefinedArgInFrom",
  severity: "warning",
  title: text("FROM n'utilise que des ARG déclarés avant lui", "FROM uses only ARGs declared before it"),
  help: text(
    "Une variable de FROM vient d'un `ARG` écrit avant le premier FROM (ou des ARG de plateforme de BuildKit : TARGETPLATFORM, BUILDPLATFORM, TARGETARCH…). Sans déclaration, elle est vide et l'image de base n'est pas celle que vous croyez (BuildKit : UndefinedArgInFrom). Déclarez-la, avec une valeur par défaut : `ARG VARIANT=-alpine` puis `FROM node:22${VARIANT}`.",
    "A variable in FROM comes from an `ARG` written before the first FROM (or from BuildKit's platform ARGs: TARGETPLATFORM, BUILDPLATFORM, TARGETARCH…). Undeclared, it is empty and the base image is not the one you think (BuildKit: UndefinedArgInFrom). Declare it, with a default: `ARG VARIANT=-alpine` then `FROM node:22${VARIANT}`.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) => {
    const declared = globalArgs(dockerfile);
    const known = [...declared.keys(), ...PLATFORM_ARGS.keys()];
    const source = dockerfile.source.split(/\r?\n/);
    return fromInstructions(dockerfile).flatMap(({ node }) =>
      usedVariables(node, source)
        .filter(({ name }) => !declared.has(name) && !PLATFORM_ARGS.has(name) && !isBuilderArg(name))
        .map(({ name, line, column }): LintHit => {
          const suggestion = nearMiss(name, known);
          return {
            line,
            column,
            message: suggestion
              ? text(
                  `\`${name}\` n'est déclaré par aucun ARG avant le premier FROM (vouliez-vous dire \`${suggestion}\` ?).`,
                  `\`${name}\` is declared by no ARG before the first FROM (did you mean \`${suggestion}\`?).`,
                )
              : text(`\`${name}\` n'est déclaré par aucun ARG avant le premier FROM.`, `\`${name}\` is declared by no ARG before the first FROM.`),
          };
        }),
    );
  },
};

export const invalidDefaultArgInFromRule: LintRule = {
  id: "DG3121",
  buildkit: "InvalidDefaultArgInFrom",
  severity: "warning",
  title: text("Les valeurs par défaut des ARG donnent une image valide", "ARG defaults give a valid image"),
  help: text(
    "Construit sans `--build-arg`, `ARG TAG` puis `FROM busybox:${TAG}` demande `busybox:` : une référence invalide, et la construction échoue (BuildKit : InvalidDefaultArgInFrom). Donnez une valeur par défaut (`ARG TAG=1.36`) ou un repli (`${TAG:-1.36}`) ; une variable vide n'est permise que là où l'image reste valide (`busybox:stable${VARIANT}`).",
    "Built without `--build-arg`, `ARG TAG` then `FROM busybox:${TAG}` asks for `busybox:`: an invalid reference, and the build fails (BuildKit: InvalidDefaultArgInFrom). Give a default (`ARG TAG=1.36`) or a fallback (`${TAG:-1.36}`); an empty variable is fine only where the image stays valid (`busybox:stable${VARIANT}`).",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) => {
    const values = new Map([...PLATFORM_ARGS, ...globalArgs(dockerfile)]);
    return fromInstructions(dockerfile).flatMap((instruction): LintHit[] => {
      const image = instruction.node.getImage() ?? "";
      if (!image.includes("$")) return [];
      const expanded = expandWord(image, values);
      return IMAGE_REFERENCE.test(expanded)
        ? []
        : [
            hitAt(
              instruction,
              text(
                `Sans \`--build-arg\`, \`FROM ${image}\` devient \`FROM ${expanded}\` : ce n'est pas une image.`,
                `Without \`--build-arg\`, \`FROM ${image}\` becomes \`FROM ${expanded}\`: that is not an image.`,
              ),
            ),
          ];
    });
  },
};

export const redundantTargetPlatformRule: LintRule = {
  id: "DG3122",
  buildkit: "RedundantTargetPlatform",
  severity: "warning",
  title: text("Pas de `--platform=$TARGETPLATFORM` superflu", "No needless `--platform=$TARGETPLATFORM`"),
  help: text(
    "Une étape est déjà construite pour la plateforme cible : `FROM --platform=$TARGETPLATFORM` ne change rien (BuildKit : RedundantTargetPlatform). Retirez l'option ; `--platform=$BUILDPLATFORM`, lui, a un sens (compiler sur la machine de construction pour une autre cible).",
    "A stage is already built for the target platform: `FROM --platform=$TARGETPLATFORM` changes nothing (BuildKit: RedundantTargetPlatform). Remove the flag; `--platform=$BUILDPLATFORM` does mean something (compiling on the build machine for another target).",
  ),
  course: COURSE.build.buildx,
  check: (dockerfile) =>
    fromInstructions(dockerfile)
      .filter(({ node }) => /^\$(\{TARGETPLATFORM\}|TARGETPLATFORM)$/.test(node.getPlatformFlag()?.getValue() ?? ""))
      .map((instruction) =>
        hitAt(
          instruction,
          text(
            `\`--platform=${instruction.node.getPlatformFlag()?.getValue()}\` est la plateforme par défaut : retirez-le.`,
            `\`--platform=${instruction.node.getPlatformFlag()?.getValue()}\` is the default platform: remove it.`,
          ),
        ),
      ),
};

export const constPlatformRule: LintRule = {
  id: "DG3123",
  buildkit: "FromPlatformFlagConstDisallowed",
  severity: "warning",
  title: text("Pas de plateforme écrite en dur dans FROM", "No hard-coded platform in FROM"),
  help: text(
    "`FROM --platform=linux/amd64` fige l'étape sur une seule plateforme : l'image ne peut plus être multi-plateforme (BuildKit : FromPlatformFlagConstDisallowed). Choisissez la plateforme à la construction (`docker buildx build --platform …`), ou écrivez `--platform=$BUILDPLATFORM` ; une étape propre à une architecture le dit dans son nom (`AS build_amd64`).",
    "`FROM --platform=linux/amd64` pins the stage to one platform: the image can no longer be multi-platform (BuildKit: FromPlatformFlagConstDisallowed). Choose the platform at build time (`docker buildx build --platform …`), or write `--platform=$BUILDPLATFORM`; a stage meant for one architecture says so in its name (`AS build_amd64`).",
  ),
  course: COURSE.build.buildx,
  check: (dockerfile) =>
    fromInstructions(dockerfile).flatMap((instruction): LintHit[] => {
      const platform = instruction.node.getPlatformFlag()?.getValue();
      if (!platform || platform.includes("$")) return [];
      const [os = "", arch = os] = platform.split("/");
      const stage = instruction.node.getBuildStage() ?? "";
      if (stage.includes(os) || stage.includes(arch)) return [];
      return [hitAt(instruction, text(`\`--platform=${platform}\` est écrit en dur.`, `\`--platform=${platform}\` is hard-coded.`))];
    }),
};

/** The image's own FROMs, with their parsed node. */
function fromInstructions(dockerfile: LintedDockerfile): (LintInstruction & { node: From })[] {
  return dockerfile.instructions.filter(
    (instruction): instruction is LintInstruction & { node: From } => !instruction.onbuild && instruction.node instanceof From,
  );
}
