import { From } from "dockerfile-ast";
import { parseImageReference, type FromLine } from "../../dockerfile/from-lines.ts";
import { text } from "../../kernel/text.ts";
import { syntaxDirectives } from "../../policy/dockerfile-syntax.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import type { LintHit, LintRule } from "../lint-rule.ts";
import type { LintedDockerfile } from "../linted-dockerfile.ts";

export const untaggedBaseRule: LintRule = {
  id: "DG3001",
  peer: "DL3006",
  severity: "warning",
  title: text("Donner un tag à chaque image de base", "Tag every base image"),
  help: text(
    "Sans tag, `FROM debian` veut dire `debian:latest` : l'image change sous vos pieds et deux constructions du même Dockerfile diffèrent. Écrivez une version (`debian:12-slim`), voire un digest (`@sha256:…`).",
    "Without a tag, `FROM debian` means `debian:latest`: the image changes under your feet and two builds of the same Dockerfile differ. Write a version (`debian:12-slim`), or even a digest (`@sha256:…`).",
  ),
  course: COURSE.build.dockerignorePinningNonRootUser,
  check: (dockerfile) =>
    externalBases(dockerfile)
      .filter(({ reference }) => !reference.tag && !reference.digest)
      .map(({ from }) =>
        imageHit(dockerfile, from, text(`\`FROM ${from.written}\` n'a ni tag ni digest.`, `\`FROM ${from.written}\` has no tag and no digest.`)),
      ),
};

export const latestBaseRule: LintRule = {
  id: "DG3002",
  peer: "DL3007",
  severity: "warning",
  title: text("Pas de tag `latest`", "No `latest` tag"),
  help: text(
    "`latest` n'est pas une version : il désigne ce que l'éditeur a publié en dernier. Épinglez une version précise, que vous changerez exprès.",
    "`latest` is not a version: it names whatever the publisher pushed last. Pin an exact version, which you change on purpose.",
  ),
  course: COURSE.build.dockerignorePinningNonRootUser,
  check: (dockerfile) =>
    externalBases(dockerfile)
      .filter(({ reference }) => reference.tag === "latest" && !reference.digest)
      .map(({ from }) => imageHit(dockerfile, from, text(`\`FROM ${from.written}\` suit \`latest\`.`, `\`FROM ${from.written}\` follows \`latest\`.`))),
};

export const unpinnedSyntaxRule: LintRule = {
  id: "DG3003",
  severity: "info",
  title: text("Épingler le frontend `# syntax` par un digest", "Pin the `# syntax` frontend to a digest"),
  help: text(
    "La ligne `# syntax=…` fait télécharger et exécuter une image (le frontend qui lit le Dockerfile) avant même la construction. Sans digest (`docker/dockerfile:1@sha256:…`), ce programme peut changer d'un build à l'autre ; la plupart des Dockerfiles n'ont pas besoin de cette ligne.",
    "The `# syntax=…` line makes the builder download and run an image (the frontend that reads the Dockerfile) before the build even starts. Without a digest (`docker/dockerfile:1@sha256:…`) that program can change between builds; most Dockerfiles do not need the line at all.",
  ),
  course: COURSE.build.dockerignorePinningNonRootUser,
  check: (dockerfile) =>
    syntaxDirectives(dockerfile.source)
      .filter((directive) => !parseImageReference(directive.frontend).digest)
      .map((directive) => ({
        line: directive.line,
        column: 1,
        message: text(`\`${directive.written}\` n'est pas épinglé par un digest.`, `\`${directive.written}\` is not pinned to a digest.`),
      })),
};

/** FROM lines naming an image to pull: not `scratch`, not an earlier stage, and with every ARG resolved. */
function externalBases(dockerfile: LintedDockerfile): { from: FromLine; reference: ReturnType<typeof parseImageReference> }[] {
  return dockerfile.froms.flatMap((from) => (from.internal || from.resolved === undefined ? [] : [{ from, reference: parseImageReference(from.resolved) }]));
}

/** On the image reference of the FROM, where the fix goes. */
function imageHit(dockerfile: LintedDockerfile, from: FromLine, message: LintHit["message"]): LintHit {
  const node = dockerfile.instructions.find((instruction) => instruction.line === from.line)?.node;
  const start = node instanceof From ? node.getImageRange()?.start : undefined;
  return { line: start ? start.line + 1 : from.line, column: start ? start.character + 1 : 1, message };
}
