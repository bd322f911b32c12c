/** Part `index` (1-based) of `count`: `--shard 2/3`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export class ShardSyntaxError extends Error {
  constructor(value: string) {
    super(`--shard takes i/n with 1 <= i <= n (e.g. 2/3), not "${value}".`);
    this.name = "ShardSyntaxError";
  }
}

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count) throw new ShardSyntaxError(value);
  return { index, count };
}

/**
 * The students of a shard: every n-th of the class list, which the batch sorts by student name. Every
 * shard of a matrix lists the same sources, so each computes the same list and takes its own part;
 * dealing round-robin keeps the parts within one student of each other, whatever the names.
 */
export function shardPart<T>(sorted: readonly T[], shard: Shard): T[] {
  return sorted.filter((_, position) => position % shard.count === shard.index - 1);
}
