import { text, type Text } from "../../kernel/text.ts";

/** Something in a student's script that the grader explains instead of (or before) running it. */
export interface ScriptProblem {
  readonly code: "crlf" | "docker-internals";
  readonly line: number;
  readonly excerpt: string;
  readonly message: Text;
}

/**
 * Static rules on a backup or restore script. Pure: the script's text in, problems out.
 * - Windows line endings break `sh` (`$'\r': command not found`), with a message that hides the cause.
 * - Reading /var/lib/docker bypasses Docker: it needs root, works only on a Linux host (not Docker
 *   Desktop), and depends on the storage driver; the course goes through a helper container.
 */
export function scriptProblems(source: string): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  const lines = source.split("\n");
  const crlf = lines.findIndex((line) => line.endsWith("\r"));
  if (crlf >= 0) {
    problems.push({
      code: "crlf",
      line: crlf + 1,
      excerpt: lines[crlf]?.replace(/\r$/, "\\r") ?? "",
      message: text(
        "Le script a des fins de ligne Windows (CRLF) : `sh` les lit comme des caractères en trop. Enregistrez-le en LF (VS Code : « CRLF » en bas à droite, ou `dos2unix`).",
        'The script has Windows line endings (CRLF): `sh` reads them as stray characters. Save it with LF (VS Code: "CRLF" at the bottom right, or `dos2unix`).',
      ),
    });
  }
  lines.forEach((line, index) => {
    const code = line.replace(/(^|\s)#.*$/, "");
    if (!code.includes("/var/lib/docker")) return;
    problems.push({
      code: "docker-internals",
      line: index + 1,
      excerpt: line.trim(),
      message: text(
        "Le script lit le dossier interne de Docker (/var/lib/docker) : il faut être root, cela ne marche pas avec Docker Desktop et dépend du pilote de stockage. Passez par un conteneur utilitaire qui monte le volume.",
        "The script reads Docker's internal folder (/var/lib/docker): that needs root, does not work with Docker Desktop and depends on the storage driver. Go through a helper container that mounts the volume.",
      ),
    });
  });
  return problems;
}
