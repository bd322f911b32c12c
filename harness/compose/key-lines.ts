import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

/** A setting's place in a Compose document: `["services", "web", "ports", 0]`. */
export type KeyPath = readonly (string | number)[];

/** A Compose file as written, parsed with a line counter (the policy's reading of it). */
export interface YamlText {
  readonly source: string;
  readonly document: Document.Parsed;
  readonly lines: LineCounter;
}

export interface KeyLocation {
  /** 1-based. */
  readonly line: number;
  /** How much of the key path the file holds: the deeper, the closer to the setting. */
  readonly depth: number;
}

/**
 * The line of a key path in a file; a path the file lacks falls back to its deepest ancestor the
 * file has. A setting's line is where its value starts (for a map, its first entry). With `match`
 * (for a finding of a resolved model, whose list items are numbered differently once files are
 * merged), a list item is looked up by its content first.
 */
export function locate(source: YamlText, at: KeyPath, match?: string): KeyLocation | undefined {
  const nodeAt = (path: KeyPath): Node | undefined => {
    const node = source.document.getIn(path, true);
    return isNode(node) && node.range ? node : undefined;
  };
  const place = (node: Node, depth: number): KeyLocation => ({ line: source.lines.linePos(startOf(node)).line, depth });
  const byContent = typeof at.at(-1) === "number" && match !== undefined;
  if (!byContent) {
    const exact = nodeAt(at);
    if (exact) return place(exact, at.length);
  }
  for (let depth = at.length - 1; depth >= 1; depth--) {
    const node = nodeAt(at.slice(0, depth));
    if (!node) continue;
    const item = match !== undefined ? itemContaining(node, match, source.source) : undefined;
    if (item) return place(item, depth + 1);
    const exact = byContent && depth === at.length - 1 ? nodeAt(at) : undefined;
    return exact ? place(exact, at.length) : place(node, depth);
  }
  return undefined;
}

/**
 * Like `locate`, but on the line of the key a student reads as the setting (`healthcheck:`, the
 * service's name) rather than the first line of the map under it; a list item keeps its own line.
 * For pointing a failed check at a setting, where the policy places a value.
 */
export function locateKey(source: YamlText, at: KeyPath): KeyLocation | undefined {
  const found = locate(source, at);
  if (!found) return undefined;
  const key = keyOf(source, at.slice(0, found.depth));
  return key ? { line: source.lines.linePos(startOf(key)).line, depth: found.depth } : found;
}

function startOf(node: Node): number {
  return (node.range as [number, number, number])[0];
}

/** The key node of a map entry; a list item (numeric step) has none. */
function keyOf(source: YamlText, path: KeyPath): Node | undefined {
  const last = path.at(-1);
  if (typeof last !== "string") return undefined;
  const parent = path.length === 1 ? source.document.contents : source.document.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((entry) => isScalar(entry.key) && String(entry.key.value) === last);
  return pair && isNode(pair.key) && pair.key.range ? pair.key : undefined;
}

function itemContaining(node: Node, match: string, source: string): Node | undefined {
  const written = (item: unknown): item is Node =>
    isNode(item) && item.range !== undefined && item.range !== null && source.slice(item.range[0], item.range[1]).includes(match);
  if (isSeq(node)) return node.items.find(written);
  if (isMap(node)) {
    const pair = node.items.find((entry) => isPair(entry) && (written(entry.key) || written(entry.value)));
    return pair && isNode(pair.key) ? pair.key : undefined;
  }
  return undefined;
}
