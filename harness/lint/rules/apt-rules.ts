import { Run } from "dockerfile-ast";
import { text } from "../../kernel/text.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { hitAt, type LintRule } from "../lint-rule.ts";
import { shellRuns, type LintInstruction } from "../linted-dockerfile.ts";
import { isAptInstall, programOf, type ShellCommand, writesAptLists } from "../shell-script.ts";

const APT_LISTS = "/var/lib/apt/lists";

export const aptListsRule: LintRule = {
  id: "DG3010",
  peer: "DL3009",
  severity: "warning",
  title: text("Supprimer les listes apt dans le RUN qui installe", "Remove the apt lists in the RUN that installs"),
  help: text(
    "`apt-get update` écrit des dizaines de Mo dans /var/lib/apt/lists. Supprimez-les dans le même RUN (`&& rm -rf /var/lib/apt/lists/*`) : un RUN suivant ne ferait que les masquer, la couche précédente les garde. Une étape de construction qui ne part pas dans l'image finale n'est pas concernée.",
    "`apt-get update` writes tens of MB into /var/lib/apt/lists. Remove them in the same RUN (`&& rm -rf /var/lib/apt/lists/*`): a later RUN would only hide them, the earlier layer keeps them. A build stage that does not end up in the final image is exempt.",
  ),
  course: COURSE.performance.layersAndCache,
  check: (dockerfile) =>
    shellRuns(dockerfile)
      .filter(
        ({ instruction, commands }) => instruction.shipped && commands.some(writesAptLists) && !listsRemovedAfterwards(commands) && !listsMounted(instruction),
      )
      .map(({ instruction }) =>
        hitAt(
          instruction,
          text(
            "Ce RUN remplit /var/lib/apt/lists (`apt-get update` ou `install`) sans les supprimer ensuite : elles restent dans la couche.",
            "This RUN fills /var/lib/apt/lists (`apt-get update` or `install`) without removing them afterwards: they stay in the layer.",
          ),
        ),
      ),
};

export const installRecommendsRule: LintRule = {
  id: "DG3011",
  peer: "DL3015",
  severity: "warning",
  title: text("Installer les paquets apt avec `--no-install-recommends`", "Install apt packages with `--no-install-recommends`"),
  help: text(
    "Par défaut apt installe aussi les paquets « recommandés » : souvent des dizaines de Mo dont l'application n'a pas besoin, et autant de surface d'attaque. Ajoutez `--no-install-recommends` et nommez ce qui manque.",
    'By default apt also installs the "recommended" packages: often tens of MB the application does not need, and as much attack surface. Add `--no-install-recommends` and name what is missing.',
  ),
  course: COURSE.performance.layersAndCache,
  check: (dockerfile) =>
    shellRuns(dockerfile)
      .filter(({ commands }) => commands.some((command) => isAptInstall(command) && !skipsRecommends(command)))
      .map(({ instruction }) =>
        hitAt(instruction, text("`apt-get install` sans `--no-install-recommends`.", "`apt-get install` without `--no-install-recommends`.")),
      ),
};

function listsRemovedAfterwards(commands: readonly ShellCommand[]): boolean {
  const lastWrite = commands.findLastIndex(writesAptLists);
  return commands.slice(lastWrite + 1).some((command) => {
    const { name, args } = programOf(command);
    return name === "rm" && args.some((arg) => /^-[a-zA-Z]*[rR]/.test(arg) || arg === "--recursive") && args.some((arg) => arg.startsWith(APT_LISTS));
  });
}

/** `RUN --mount=type=cache,target=/var/lib/apt/lists` (or tmpfs): the lists never reach the layer. */
function listsMounted(instruction: LintInstruction): boolean {
  if (!(instruction.node instanceof Run)) return false;
  return instruction.node
    .getFlags()
    .filter((flag) => flag.getName() === "mount")
    .some(
      (flag) =>
        /(^|,)(type=(cache|tmpfs))(,|$)/.test(flag.getValue() ?? "") &&
        /(^|,)(target|dst|destination)=\/var\/lib\/apt(\/lists)?\/?(,|$)/.test(flag.getValue() ?? ""),
    );
}

function skipsRecommends(command: ShellCommand): boolean {
  const { args } = programOf(command);
  return args.some(
    (arg, index) =>
      arg === "--no-install-recommends" ||
      (/^APT::Install-Recommends=(false|0|no)$/i.test(arg) && args[index - 1] === "-o") ||
      /^-oAPT::Install-Recommends=(false|0|no)$/i.test(arg),
  );
}
