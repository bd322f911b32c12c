import { text } from "../kernel/text.ts";
import { decodeDockerfile, type EncodingProblem } from "./dockerfile-encoding.ts";
import { notADockerfile } from "./dockerfile-instructions.ts";
import { isDefaultFrontend, syntaxDirectives } from "./dockerfile-syntax.ts";
import type { PolicyViolation } from "./violation.ts";

/** CIS Docker Benchmark 4.2: only trusted images; a frontend is an image run inside the builder. */
const CIS_TRUSTED_IMAGES = "4.2";

/**
 * The rules on one Dockerfile's bytes, pure: encoding first (a binary or non-UTF-8 file is not
 * read further), then the `syntax` directives, then whether it is a Dockerfile at all.
 */
export function dockerfileViolations(file: string, bytes: Uint8Array): PolicyViolation[] {
  const decoded = decodeDockerfile(bytes);
  if (!decoded.ok) return [encodingViolation(file, decoded.problem)];
  return dockerfileTextViolations(file, decoded.text);
}

/** The rules on a Dockerfile's text: also for Compose's `dockerfile_inline`, which has no bytes of its own. */
export function dockerfileTextViolations(file: string, source: string, where?: string): PolicyViolation[] {
  const found: PolicyViolation[] = syntaxDirectives(source)
    .filter((directive) => !isDefaultFrontend(directive.frontend))
    .map((directive) => ({
      ...(where ? {} : { line: directive.line }),
      ...frontendViolation(file, where ? `${where}: ${directive.written}` : directive.written, directive.frontend),
    }));
  const garbage = notADockerfile(source);
  if (garbage?.kind === "empty") {
    found.push({
      rule: "not-a-dockerfile",
      file,
      setting: where ?? "(empty)",
      message: text(
        "Le Dockerfile ne contient aucune instruction (FROM, RUN, COPY…) : il est vide ou n'a que des commentaires.",
        "The Dockerfile holds no instruction (FROM, RUN, COPY…): it is empty or only comments.",
      ),
    });
  } else if (garbage) {
    found.push({
      rule: "not-a-dockerfile",
      file,
      ...(where ? {} : { line: garbage.line }),
      setting: where ? `${where}: ${garbage.written}` : garbage.written,
      message: text(
        "Ce fichier n'est pas un Dockerfile : aucune de ses lignes ne commence par une instruction (FROM, RUN, COPY…). Est-ce le bon fichier ?",
        "This file is not a Dockerfile: not one of its lines starts with an instruction (FROM, RUN, COPY…). Is it the right file?",
      ),
    });
  }
  return found;
}

/** `BUILDKIT_SYNTAX` in a service's build args replaces the frontend just as `# syntax=` does. */
export function syntaxArgViolation(file: string, line: number | undefined, service: string, value: string): PolicyViolation | undefined {
  const frontend = value.trim().split(/\s/)[0] ?? "";
  if (isDefaultFrontend(frontend)) return undefined;
  return { ...(line ? { line } : {}), ...frontendViolation(file, `services.${service}.build.args.BUILDKIT_SYNTAX: ${value}`, frontend) };
}

/** A Dockerfile too big to be one: not read, so that a disk image renamed costs nothing. */
export function oversizedDockerfileViolation(file: string, bytes: number, limit: number): PolicyViolation {
  const size = (count: number) => `${(count / 1024).toFixed(0)} KiB`;
  return {
    rule: "dockerfile-too-large",
    file,
    setting: size(bytes),
    message: text(
      `Ce « Dockerfile » pèse ${size(bytes)}, bien plus que les ${size(limit)} qu'aucun Dockerfile n'atteint : est-ce le bon fichier ?`,
      `This "Dockerfile" weighs ${size(bytes)}, far more than the ${size(limit)} no Dockerfile reaches: is it the right file?`,
    ),
  };
}

function frontendViolation(file: string, setting: string, frontend: string): Omit<PolicyViolation, "line"> {
  return {
    rule: "dockerfile-syntax",
    file,
    setting,
    cis: CIS_TRUSTED_IMAGES,
    message: text(
      `Le frontend « ${frontend} » n'est pas celui de Docker (docker/dockerfile) : ce serait le programme d'un tiers exécuté dans le builder du correcteur. Supprimez la directive (le frontend intégré à BuildKit suffit pour le cours) ou écrivez \`# syntax=docker/dockerfile:1\`.`,
      `The frontend "${frontend}" is not Docker's (docker/dockerfile): it would be a third party's program run inside the grader's builder. Remove the directive (BuildKit's built-in frontend is enough for the course) or write \`# syntax=docker/dockerfile:1\`.`,
    ),
  };
}

function encodingViolation(file: string, problem: EncodingProblem): PolicyViolation {
  switch (problem.kind) {
    case "binary":
      return {
        rule: "binary-file",
        file,
        line: problem.line,
        setting: "NUL byte",
        message: text(
          "Ce fichier n'est pas un Dockerfile : il contient des octets nuls, comme une image, une archive ou un programme. Remplacez-le par un Dockerfile en texte.",
          "This file is not a Dockerfile: it holds NUL bytes, as an image, an archive or a program does. Replace it with a plain-text Dockerfile.",
        ),
      };
    case "utf16":
      return {
        rule: "not-utf8",
        file,
        line: problem.line,
        setting: "UTF-16",
        message: text(
          "Le Dockerfile est enregistré en UTF-16 : enregistrez-le en UTF-8 (dans VS Code, cliquez sur l'encodage dans la barre d'état, puis « Enregistrer avec l'encodage » et UTF-8).",
          'The Dockerfile is saved as UTF-16: save it as UTF-8 (in VS Code, click the encoding in the status bar, then "Save with Encoding" and UTF-8).',
        ),
      };
    case "not-utf8":
      return {
        rule: "not-utf8",
        file,
        line: problem.line,
        setting: problem.excerpt,
        message: text(
          "Le Dockerfile n'est pas en UTF-8 : cette ligne contient des caractères dans un autre encodage (Latin-1 ou Windows-1252 ?). Enregistrez le fichier en UTF-8 dans votre éditeur.",
          "The Dockerfile is not UTF-8: this line holds characters in another encoding (Latin-1 or Windows-1252?). Save the file as UTF-8 in your editor.",
        ),
      };
  }
}
