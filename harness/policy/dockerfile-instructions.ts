import { DockerfileParser } from "dockerfile-ast";
import { DOCKERFILE_INSTRUCTIONS } from "../dockerfile/instruction-names.ts";

/** Why a text is not a Dockerfile at all: empty (comments only), or not one line is an instruction. */
export type NotADockerfile = { readonly kind: "empty" } | { readonly kind: "no-instruction"; readonly line: number; readonly written: string };

/**
 * A text in which not one line starts with a Dockerfile instruction is something else renamed
 * (notes, a script, HTML). A real Dockerfile with a typo (`RUNN`) still has other instructions:
 * that is a build error for the build check to show, not this.
 */
export function notADockerfile(text: string): NotADockerfile | undefined {
  const instructions = DockerfileParser.parse(text).getInstructions();
  if (instructions.some((instruction) => DOCKERFILE_INSTRUCTIONS.has(instruction.getKeyword()))) return undefined;
  const first = instructions[0];
  if (!first) return { kind: "empty" };
  const line = first.getRange().start.line;
  return { kind: "no-instruction", line: line + 1, written: (text.split("\n")[line] ?? "").trim().slice(0, 80) };
}
