import { DockerfileParser } from "dockerfile-ast";

/** One instruction of a Dockerfile, where an editor shows it. */
export interface InstructionLine {
  /** Upper case, e.g. `USER`, whatever case the student wrote. */
  readonly keyword: string;
  /** 1-based line of the keyword; an instruction continued with `\` starts there. */
  readonly line: number;
  /** The arguments, continuation lines joined, as the parser reads them (`10001:10001`, `["8080"]`). */
  readonly args: string;
}

/**
 * What the final image is made of: the final stage's FROM, and the instructions that shape the image
 * in build order. When the final stage starts FROM an earlier stage (`FROM base`), that stage's
 * instructions come first, as BuildKit applies them; the FROM is still the final stage's own.
 */
export interface FinalStage {
  readonly from: InstructionLine;
  readonly instructions: readonly InstructionLine[];
}

interface Stage {
  readonly from: InstructionLine;
  readonly image: string;
  readonly alias: string | undefined;
  readonly instructions: InstructionLine[];
}

/** Undefined for a text without a FROM: the build check reports that one. */
export function readFinalStage(source: string): FinalStage | undefined {
  const stages = readStages(source);
  const final = stages.at(-1);
  if (!final) return undefined;
  return { from: final.from, instructions: ancestry(stages, stages.length - 1).flatMap((stage) => stage.instructions) };
}

/** The last instruction of the final image with this keyword (and matching `accept`): the one in force. */
export function lastInstruction(
  stage: FinalStage,
  keyword: string,
  accept: (instruction: InstructionLine) => boolean = () => true,
): InstructionLine | undefined {
  return stage.instructions.findLast((instruction) => instruction.keyword === keyword && accept(instruction));
}

function readStages(source: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(source).getInstructions()) {
    const line: InstructionLine = {
      keyword: instruction.getKeyword().toUpperCase(),
      line: instruction.getRange().start.line + 1,
      args: instruction.getArgumentsContent() ?? "",
    };
    if (line.keyword === "FROM") {
      const [image = "", as, alias] = line.args.split(/\s+/).filter((word) => !word.startsWith("--"));
      stages.push({ from: line, image: image.toLowerCase(), alias: as?.toLowerCase() === "as" ? alias?.toLowerCase() : undefined, instructions: [] });
    } else {
      // Global ARGs before the first FROM belong to no stage.
      stages.at(-1)?.instructions.push(line);
    }
  }
  return stages;
}

/** The stage at `index` and the earlier stages it builds on, oldest first. */
function ancestry(stages: readonly Stage[], index: number): Stage[] {
  const chain: Stage[] = [];
  for (let at: number = index; at >= 0; ) {
    const stage = stages[at] as Stage;
    chain.unshift(stage);
    at = stages.findIndex((earlier, position) => position < at && earlier.alias === stage.image);
  }
  return chain;
}
