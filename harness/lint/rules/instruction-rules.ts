import { text } from "../../kernel/text.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { hitAt, type LintRule } from "../lint-rule.ts";
import { isExecForm, type LintInstruction, withStageState } from "../linted-dockerfile.ts";

/** What only ADD does: fetch a URL or a git repository, unpack a local archive. */
const REMOTE = /^(https?:\/\/|git@|git:\/\/)/i;
/** A compressed file may be a tarball under a short name (`app.gz`): ADD unpacks it if it is one, as hadolint allows. */
const ARCHIVE = /\.(tar|gz|bz2|xz|zst|tgz|tbz2?|txz)$/i;

export const addForLocalFilesRule: LintRule = {
  id: "DG3020",
  peer: "DL3020",
  severity: "warning",
  title: text("COPY plutôt que ADD pour des fichiers locaux", "COPY rather than ADD for local files"),
  help: text(
    "ADD sait aussi télécharger une URL et décompresser une archive : pour copier des fichiers du contexte, COPY dit exactement ce qui se passe. Gardez ADD pour ce que seul ADD fait.",
    "ADD can also download a URL and unpack an archive: to copy files from the context, COPY says exactly what happens. Keep ADD for what only ADD does.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) =>
    dockerfile.instructions
      .filter(
        (instruction) =>
          instruction.keyword === "ADD" &&
          sourcesOf(instruction.args).some((source) => !REMOTE.test(source) && !ARCHIVE.test(source) && !source.startsWith("<<")),
      )
      .map((instruction) => hitAt(instruction, text("ADD copie ici des fichiers locaux : COPY suffit.", "ADD copies local files here: COPY is enough."))),
};

export const execFormRule: LintRule = {
  id: "DG3021",
  peer: "DL3025",
  buildkit: "JSONArgsRecommended",
  severity: "warning",
  title: text("CMD et ENTRYPOINT en forme exec (JSON)", "CMD and ENTRYPOINT in exec (JSON) form"),
  help: text(
    'En forme shell (`CMD ./server`), le processus 1 est `/bin/sh -c` : il ne transmet pas SIGTERM à votre programme, qui est tué au bout de 10 s au lieu de s\'arrêter proprement. Écrivez `CMD ["./server"]`.',
    'In shell form (`CMD ./server`), process 1 is `/bin/sh -c`: it does not pass SIGTERM on to your program, which is killed after 10 s instead of stopping cleanly. Write `CMD ["./server"]`.',
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) =>
    // A SHELL instruction (in the stage, or one it is built FROM) chooses the shell on purpose: its shell form is meant, as BuildKit's JSONArgsRecommended reads it.
    withStageState(dockerfile, false, (shellChosen, instruction) => shellChosen || instruction.keyword === "SHELL")
      .filter(
        ({ instruction, before: shellChosen }) =>
          (instruction.keyword === "CMD" || instruction.keyword === "ENTRYPOINT") && !shellChosen && !isExecForm(instruction.args),
      )
      .map(({ instruction }) =>
        hitAt(
          instruction,
          text(`\`${instruction.keyword} ${instruction.args}\` est en forme shell.`, `\`${instruction.keyword} ${instruction.args}\` is in shell form.`),
        ),
      ),
};

export const absoluteWorkdirRule: LintRule = {
  id: "DG3022",
  peer: "DL3000",
  buildkit: "WorkdirRelativePath",
  severity: "error",
  title: text("WORKDIR absolu", "Absolute WORKDIR"),
  help: text(
    "Un WORKDIR relatif se greffe sur le précédent, hérité parfois de l'image de base : le dossier réel dépend de ce que vous ne voyez pas. Écrivez un chemin qui commence par `/`.",
    "A relative WORKDIR is appended to the previous one, sometimes inherited from the base image: the real folder depends on what you cannot see. Write a path starting with `/`.",
  ),
  course: COURSE.build.instructions,
  check: (dockerfile) =>
    // After an absolute WORKDIR of the stage (or of the stage it is built FROM), a relative one lands where the student can see.
    withStageState(dockerfile, false, (known, instruction) => known || (instruction.keyword === "WORKDIR" && isAbsoluteDir(workdirOf(instruction))))
      .filter(({ instruction, before: known }) => instruction.keyword === "WORKDIR" && !known && !isAbsoluteDir(workdirOf(instruction)))
      .map(({ instruction }) => hitAt(instruction, text(`\`WORKDIR ${instruction.args}\` est relatif.`, `\`WORKDIR ${instruction.args}\` is relative.`))),
};

/** The sources of `ADD src... dest` or its JSON form, quotes removed (the parser leaves `--flags` out of the arguments). */
function sourcesOf(args: string): string[] {
  const words = isExecForm(args) ? (JSON.parse(args) as string[]) : [...args.matchAll(/"[^"]*"|'[^']*'|\S+/g)].map(([word]) => unquoted(word));
  return words.slice(0, -1);
}

function workdirOf(instruction: LintInstruction): string {
  return unquoted(instruction.args.trim());
}

function unquoted(word: string): string {
  return word.replace(/^(["'])(.*)\1$/s, "$2");
}

/** A variable may hold an absolute path: not ours to judge. Windows drives count as absolute. */
function isAbsoluteDir(path: string): boolean {
  return path.startsWith("/") || path.startsWith("$") || /^[A-Za-z]:[\\/]/.test(path);
}
