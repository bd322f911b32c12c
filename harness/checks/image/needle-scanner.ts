/**
 * Looks for a few exact byte strings in a stream fed chunk by chunk, without keeping the stream:
 * only the last bytes of each chunk are carried over, so a needle split between two chunks is found.
 */
export class NeedleScanner {
  private readonly needles: readonly Buffer[];
  private readonly carry: number;
  private tail: Buffer = Buffer.alloc(0);
  /** Indexes of the needles seen so far. */
  readonly found = new Set<number>();

  constructor(needles: readonly string[]) {
    this.needles = needles.map((needle) => Buffer.from(needle, "utf8"));
    this.carry = Math.max(0, ...this.needles.map((needle) => needle.length - 1));
  }

  push(chunk: Buffer): void {
    if (this.found.size === this.needles.length) return;
    const window = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    this.needles.forEach((needle, index) => {
      if (needle.length > 0 && !this.found.has(index) && window.includes(needle)) this.found.add(index);
    });
    this.tail = window.subarray(Math.max(0, window.length - this.carry));
  }
}
