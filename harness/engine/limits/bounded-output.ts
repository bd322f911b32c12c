/**
 * Output the grader keeps from a container (logs, exec, one-shot runs), capped: a submission that
 * prints gigabytes must not fill the grader's memory or its report. The stream is still read to
 * the end, so the container never blocks on a full pipe; only what is kept is bounded.
 */

/** Most of a stream the grader keeps: more than any check reads, little in memory. */
export const DEFAULT_OUTPUT_CAP_BYTES = 1024 * 1024;

/**
 * `head` keeps the beginning (output parsed from its start: a probe's answer); `tail` keeps the
 * end (logs: the last lines say what happened).
 */
export type KeepEnd = "head" | "tail";

export class BoundedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  constructor(
    private readonly keep: KeepEnd,
    private readonly capBytes: number = DEFAULT_OUTPUT_CAP_BYTES,
  ) {}

  push(chunk: Buffer): void {
    if (this.keep === "head") {
      const room = Math.max(0, this.capBytes - this.kept);
      if (room > 0) this.append(room >= chunk.length ? chunk : chunk.subarray(0, room));
      this.dropped += Math.max(0, chunk.length - room);
      return;
    }
    this.append(chunk);
    // Drop whole chunks from the front while they are not needed, then trim the first one.
    while (this.kept - (this.chunks[0]?.length ?? 0) >= this.capBytes) this.dropped += this.shift();
    const excess = this.kept - this.capBytes;
    if (excess > 0) {
      this.chunks[0] = (this.chunks[0] as Buffer).subarray(excess);
      this.kept -= excess;
      this.dropped += excess;
    }
  }

  /** Bytes received but not kept. */
  get truncatedBytes(): number {
    return this.dropped;
  }

  /** What was kept, as text, with a marker where it was cut; a cut character is left out whole. */
  text(): string {
    const kept = Buffer.concat(this.chunks);
    if (this.dropped === 0) return kept.toString("utf8");
    const marker = `…(tronqué / truncated: ${this.dropped} octets / bytes)…`;
    return this.keep === "head" ? `${withoutPartialEnd(kept).toString("utf8")}\n${marker}` : `${marker}\n${withoutPartialStart(kept).toString("utf8")}`;
  }

  private append(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.kept += chunk.length;
  }

  private shift(): number {
    const first = this.chunks.shift() as Buffer;
    this.kept -= first.length;
    return first.length;
  }
}

/** UTF-8 continuation bytes are 10xxxxxx: a cut at the front may start on one. */
function withoutPartialStart(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length && start < 3 && ((bytes[start] as number) & 0xc0) === 0x80) start++;
  return bytes.subarray(start);
}

/** A cut at the end may split a multi-byte character: drop its lead byte and what follows. */
function withoutPartialEnd(bytes: Buffer): Buffer {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}
