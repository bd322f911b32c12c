import dockerignore from "@balena/dockerignore";
import { COURSE } from "../../kernel/course-outline.ts";
import { text } from "../../kernel/text.ts";
import type { LintHit, LintRule } from "../lint-rule.ts";
import { isExecForm, type LintInstruction } from "../linted-dockerfile.ts";

/** Patterns that leave nothing of the context's root, not even `COPY . .`. */
const WHOLE_CONTEXT = ["*", "**", "**/*"];

export const copyIgnoredFileRule: LintRule = {
  id: "DG3140",
  buildkit: "CopyIgnoredFile",
  severity: "error",
  title: text("Ne pas copier ce que `.dockerignore` écarte", "Do not copy what `.dockerignore` leaves out"),
  help: text(
    "Ce que `.dockerignore` écarte n'est pas envoyé au constructeur : un COPY ou un ADD qui le demande échoue (`not found`). BuildKit (CopyIgnoredFile) le voit avant la construction, nous aussi. Retirez la ligne du `.dockerignore`, ou ne copiez pas ce fichier s'il ne doit pas être dans l'image (une clé, un `.env`).",
    "What `.dockerignore` leaves out is not sent to the builder: a COPY or ADD asking for it fails (`not found`). BuildKit (CopyIgnoredFile) sees it before the build, and so do we. Remove the line from `.dockerignore`, or do not copy the file if it must not be in the image (a key, an `.env`).",
  ),
  course: COURSE.build.dockerignorePinningNonRootUser,
  check: (dockerfile) => {
    const patterns = (dockerfile.dockerignore ?? "")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));
    // A `!pattern` may bring a file back under an excluded folder: BuildKit does not judge then, nor do we.
    if (patterns.length === 0 || patterns.some((pattern) => pattern.startsWith("!"))) return [];
    const matcher = dockerignore.default().add(patterns);
    const ignores = (path: string) => {
      if (path === "") return patterns.some((pattern) => WHOLE_CONTEXT.includes(pattern));
      const parts = path.split("/");
      return parts.some((_, index) => matcher.ignores(parts.slice(0, index + 1).join("/")));
    };
    return dockerfile.instructions
      .filter((instruction) => (instruction.keyword === "COPY" || instruction.keyword === "ADD") && !copiesFromElsewhere(instruction))
      .flatMap((instruction) =>
        contextSources(instruction)
          .filter((source) => ignores(source.path))
          .map(
            (source): LintHit => ({
              line: instruction.line,
              column: instruction.column,
              message: text(
                `\`${source.written}\` est écarté par .dockerignore : ${instruction.keyword} ne le trouvera pas.`,
                `\`${source.written}\` is left out by .dockerignore: ${instruction.keyword} will not find it.`,
              ),
            }),
          ),
      );
  },
};

/** `COPY --from=stage`: its sources are another stage's or image's, not the context's. */
function copiesFromElsewhere(instruction: LintInstruction): boolean {
  const flags = "getFlags" in instruction.node ? (instruction.node as { getFlags(): { getName(): string }[] }).getFlags() : [];
  return flags.some((flag) => flag.getName() === "from");
}

/** The sources read from the context, as paths relative to its root; a URL, a heredoc, a variable or a wildcard is not judged. */
function contextSources(instruction: LintInstruction): { written: string; path: string }[] {
  const words = isExecForm(instruction.args)
    ? (JSON.parse(instruction.args) as string[])
    : instruction.node.getArguments().map((argument) => argument.getValue().replace(/^(["'])(.*)\1$/s, "$2"));
  return words
    .slice(0, -1)
    .filter((word) => !/^[a-z][a-z0-9+.-]*:\/\/|^git@|^<<|[$*?[]/i.test(word))
    .map((written) => ({ written, path: cleanPath(written) }));
}

/** `./a//b/../c/` -> `a/c`; the context's root is "". */
function cleanPath(written: string): string {
  const parts: string[] = [];
  for (const part of written.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}
