import { DockerfileParser, type Instruction } from "dockerfile-ast";
import { readFromLines, type FromLine } from "../dockerfile/from-lines.ts";
import { readFinalStage } from "../dockerfile/instruction-lines.ts";
import { readShellScript, type ShellCommand } from "./shell-script.ts";

/** One instruction, where an editor shows it, and where it sits among the stages. */
export interface LintInstruction {
  /** Upper case, whatever case the student wrote. */
  readonly keyword: string;
  /** 1-based, of the keyword. */
  readonly line: number;
  readonly column: number;
  /** The arguments without `--flags`, continuation lines joined (a comment line inside a continuation is kept, from its `#`). */
  readonly args: string;
  /** Index of its stage; -1 for the global ARGs before the first FROM. */
  readonly stage: number;
  /** Part of what ships: the final stage or a stage it is built FROM. A builder stage only copied from does not ship. */
  readonly shipped: boolean;
  readonly node: Instruction;
}

/** A Dockerfile read once for every lint rule. */
export interface LintedDockerfile {
  readonly source: string;
  readonly instructions: readonly LintInstruction[];
  /** Each FROM, with build args before the first FROM substituted. */
  readonly froms: readonly FromLine[];
  /** The final stage's FROM; undefined for a text without one. */
  readonly finalFrom: LintInstruction | undefined;
}

export function readLintedDockerfile(source: string): LintedDockerfile {
  const final = readFinalStage(source);
  // The final image's instructions, by line: `readFinalStage` already follows `FROM <stage>` chains.
  const shippedLines = new Set(final ? [final.from.line, ...final.instructions.map((instruction) => instruction.line)] : []);
  let stage = -1;
  const instructions = DockerfileParser.parse(source)
    .getInstructions()
    .map((node): LintInstruction => {
      const keyword = node.getKeyword().toUpperCase();
      if (keyword === "FROM") stage += 1;
      const start = node.getRange().start;
      return {
        keyword,
        line: start.line + 1,
        column: start.character + 1,
        args: node.getArgumentsContent() ?? "",
        stage,
        shipped: shippedLines.has(start.line + 1),
        node,
      };
    });
  const finalFrom = final ? instructions.find((instruction) => instruction.line === final.from.line) : undefined;
  return { source, instructions, froms: readFromLines(source), finalFrom };
}

/** Instructions of the final image with this keyword, in build order. */
export function shippedInstructions(dockerfile: LintedDockerfile, keyword: string): LintInstruction[] {
  return dockerfile.instructions.filter((instruction) => instruction.shipped && instruction.keyword === keyword);
}

/** Shell-form RUNs with their commands (an exec-form RUN runs one program, no shell). */
export function shellRuns(dockerfile: LintedDockerfile): { instruction: LintInstruction; commands: ShellCommand[] }[] {
  return dockerfile.instructions
    .filter((instruction) => instruction.keyword === "RUN" && !isExecForm(instruction.args))
    .map((instruction) => ({ instruction, commands: readShellScript(instruction.args) }));
}

/** `CMD ["a", "b"]`: a JSON array of strings, run without a shell. Anything else is shell form. */
export function isExecForm(args: string): boolean {
  if (!args.trimStart().startsWith("[")) return false;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === "string");
  } catch {
    return false;
  }
}
