import type { FinalStage, InstructionLine } from "../dockerfile/instruction-lines.ts";
import { DOCKERFILE_INSTRUCTIONS } from "../dockerfile/instruction-names.ts";
import type { HistoryRecord } from "./saved-image.ts";

/** Where a layer comes from: the Dockerfile instruction (absent when nothing says), or the base image. */
export interface LayerOrigin {
  /** `RUN apt-get install …` as the Dockerfile writes it, `FROM busybox:1.37` for a base layer, else the history's text. */
  readonly instruction: string;
  /** The Dockerfile instruction, when the layer could be matched to one. */
  readonly source?: InstructionLine;
  readonly fromBase: boolean;
}

const INSTRUCTION_TEXT_LIMIT = 160;

/**
 * Each layer's origin, bottom first. The config's history has one record per instruction, oldest
 * first, and the records that add no layer (ENV, USER, ...) say so; BuildKit writes the instruction
 * (`RUN |1 V=1 /bin/sh -c make # buildkit`, `COPY /out/app /app # buildkit`, `WORKDIR /app`).
 * Walking both lists from the newest end, each record takes the nearest earlier instruction of the
 * final stage with its keyword; once the stage's instructions run out, the older records are the
 * base image's, written by whoever built it, and their layers belong to the FROM line.
 */
export function layerOrigins(history: readonly HistoryRecord[], layerCount: number, stage: FinalStage | undefined): LayerOrigin[] {
  const sources = matchInstructions(history, stage);
  const layered = history.flatMap((record, index) => (record.emptyLayer ? [] : [{ record, source: sources.get(index) }]));
  // An image without history for its lowest layers (squashed, imported): align on the newest.
  const offset = layerCount - layered.length;
  return Array.from({ length: layerCount }, (_, layer): LayerOrigin => {
    const entry = layered[layer - offset];
    if (entry?.source) return { instruction: clip(`${entry.source.keyword} ${entry.source.args}`), source: entry.source, fromBase: false };
    if (stage) return { instruction: clip(`FROM ${stage.from.args}`), source: stage.from, fromBase: true };
    return { instruction: clip(entry ? readable(entry.record) : ""), fromBase: true };
  });
}

function matchInstructions(history: readonly HistoryRecord[], stage: FinalStage | undefined): Map<number, InstructionLine> {
  const matched = new Map<number, InstructionLine>();
  if (!stage) return matched;
  let next = stage.instructions.length - 1;
  for (let index = history.length - 1; index >= 0 && next >= 0; index -= 1) {
    const keyword = keywordOf(history[index]?.createdBy ?? "");
    // An instruction without a record of its own (a BuildKit version that skips ARG) is passed over.
    let at = next;
    while (at >= 0 && stage.instructions[at]?.keyword !== keyword) at -= 1;
    if (at < 0) break;
    matched.set(index, stage.instructions[at] as InstructionLine);
    next = at - 1;
  }
  return matched;
}

/** `RUN |1 V=1 /bin/sh -c …`, `/bin/sh -c #(nop)  CMD ["sh"]` (the classic builder), `COPY a b # buildkit`. */
export function keywordOf(createdBy: string): string | undefined {
  const text = createdBy.replace(/\s+#\s*buildkit\s*$/, "").trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s+([A-Z]+)\b/.exec(text);
  if (nop) return nop[1];
  if (text.startsWith("/bin/sh -c ")) return "RUN";
  const word = /^([A-Za-z]+)\b/.exec(text)?.[1]?.toUpperCase();
  // A history entry is never a FROM: base layers are told apart by position, not by their text.
  return word && word !== "FROM" && DOCKERFILE_INSTRUCTIONS.has(word) ? word : undefined;
}

function readable(record: HistoryRecord): string {
  const text = record.createdBy
    .replace(/\s+#\s*buildkit\s*$/, "")
    .replace(/^\/bin\/sh -c #\(nop\)\s+/, "")
    .trim();
  return text === "" ? record.comment : text;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= INSTRUCTION_TEXT_LIMIT ? flat : `${flat.slice(0, INSTRUCTION_TEXT_LIMIT - 1)}…`;
}
