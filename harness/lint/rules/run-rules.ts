import { Run } from "dockerfile-ast";
import { text } from "../../kernel/text.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { hitAt, type LintHit, type LintRule } from "../lint-rule.ts";
import { isExecForm, type LintInstruction } from "../linted-dockerfile.ts";
import { optionNamesPipefail, readShellScript, setsPipefail } from "../shell-script.ts";

/** Shells that are not POSIX: pipefail means nothing to them. */
const NON_POSIX_SHELL = /(^|[\\/])(pwsh|powershell|cmd)(\.exe)?$/i;

export const consecutiveRunsRule: LintRule = {
  id: "DG3030",
  peer: "DL3059",
  severity: "info",
  title: text("Regrouper les RUN consécutifs", "Merge consecutive RUNs"),
  help: text(
    "Chaque RUN fait une couche : un fichier créé par l'un et supprimé par le suivant reste dans l'image, et un `apt-get update` seul dans sa couche est servi périmé par le cache. Enchaînez les commandes qui vont ensemble avec `&&` dans un seul RUN.",
    "Every RUN makes a layer: a file one creates and the next deletes stays in the image, and an `apt-get update` alone in its layer is served stale by the cache. Chain the commands that belong together with `&&` in one RUN.",
  ),
  course: COURSE.performance.layersAndCache,
  check: (dockerfile) =>
    dockerfile.instructions.flatMap((instruction, index): LintHit[] => {
      const previous = dockerfile.instructions[index - 1];
      if (!previous || !singleCommandRun(instruction) || !singleCommandRun(previous)) return [];
      // Different mounts or network flags are a reason to keep them apart.
      if (flagsOf(previous) !== flagsOf(instruction)) return [];
      return [
        hitAt(
          instruction,
          text(
            `Ce RUN suit celui de la ligne ${previous.line} : ils pourraient n'en faire qu'un.`,
            `This RUN follows the one on line ${previous.line}: they could be one.`,
          ),
        ),
      ];
    }),
};

export const pipefailRule: LintRule = {
  id: "DG3031",
  peer: "DL4006",
  severity: "warning",
  title: text("`pipefail` avant un RUN qui utilise un pipe", "`pipefail` before a RUN that uses a pipe"),
  help: text(
    'Le statut d\'un pipe est celui de sa dernière commande : `wget -O- URL | tar x` réussit même si le téléchargement échoue, et l\'image est construite sans rien. Ajoutez `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` avant ce RUN (Debian), ou commencez-le par `set -o pipefail &&` (busybox).',
    'A pipe\'s status is its last command\'s: `wget -O- URL | tar x` succeeds even when the download fails, and the image is built with nothing in it. Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (Debian), or start it with `set -o pipefail &&` (busybox).',
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) => {
    const hits: LintHit[] = [];
    // Per stage, as hadolint reads it: a FROM starts again from the default shell.
    let shellHandlesIt = false;
    for (const instruction of dockerfile.instructions) {
      if (instruction.keyword === "FROM") shellHandlesIt = false;
      if (instruction.keyword === "SHELL" && !instruction.onbuild) shellHandlesIt = shellSetsPipefail(instruction.args);
      if (instruction.keyword !== "RUN" || shellHandlesIt || isExecForm(instruction.args)) continue;
      const commands = readShellScript(instruction.args);
      const firstPipe = commands.findIndex((command) => command.pipesInto);
      if (firstPipe === -1) continue;
      const setBefore = commands.slice(0, firstPipe).some(setsPipefail);
      if (!setBefore)
        hits.push(
          hitAt(
            instruction,
            text(
              "Ce RUN utilise un pipe sans `pipefail` : une erreur avant le `|` passe inaperçue.",
              "This RUN uses a pipe without `pipefail`: a failure before the `|` goes unnoticed.",
            ),
          ),
        );
    }
    return hits;
  },
};

/** An ONBUILD RUN makes its layer in another build: nothing to merge it with here. */
function singleCommandRun(instruction: LintInstruction): boolean {
  return instruction.keyword === "RUN" && !instruction.onbuild && !isExecForm(instruction.args) && readShellScript(instruction.args).length === 1;
}

function flagsOf(instruction: LintInstruction): string {
  return instruction.node instanceof Run
    ? instruction.node
        .getFlags()
        .map((flag) => flag.toString())
        .join(" ")
    : "";
}

/** `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`, or a shell for which pipefail means nothing. */
function shellSetsPipefail(args: string): boolean {
  if (!isExecForm(args)) return false;
  const words = JSON.parse(args) as string[];
  return NON_POSIX_SHELL.test(words[0] ?? "") || optionNamesPipefail(words);
}
