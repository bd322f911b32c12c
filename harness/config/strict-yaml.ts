import { readFile } from "node:fs/promises";
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";

export interface ConfigProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** A config file that cannot be used; lists every problem at once, each with its line. */
export class InvalidConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`).join("\n"));
    this.name = "InvalidConfigError";
  }
}

/**
 * Reads a YAML file and validates it against a strict schema: YAML syntax errors and schema
 * problems are all reported together, each with the line of the offending key.
 */
export async function readStrictYaml<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  return parseStrictYaml(await readFile(file, "utf8"), file, schema);
}

/**
 * yaml refuses to expand more aliases than its limit (a "billion laughs" file would otherwise take
 * the grader's memory): that is the file's problem, reported like any other.
 */
function toPlainData(document: Document, file: string): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw new InvalidConfigError([
      { file, line: 1, message: `too many YAML aliases (more than ${MAX_ALIAS_COUNT} expansions): the file is refused as a resource exhaustion attack` },
    ]);
  }
}

const MAX_ALIAS_COUNT = 100;

export function parseStrictYaml<T>(source: string, file: string, schema: z.ZodType<T>): T {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  if (document.errors.length > 0) {
    throw new InvalidConfigError(document.errors.map((error) => ({ file, line: lineOf(error.pos[0]), message: error.message.split("\n")[0] ?? "" })));
  }
  const parsed = schema.safeParse(toPlainData(document, file));
  if (parsed.success) return parsed.data;
  throw new InvalidConfigError(
    parsed.error.issues.flatMap((issue) => {
      const path = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
      const where = path.length > 0 ? `${path.join(".")}: ` : "";
      if (issue.code === "unrecognized_keys") {
        // One problem per unknown key, on the key's own line.
        const map = document.getIn(path, true);
        return issue.keys.map((key) => {
          const pair = isMap(map) ? map.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
          const range = isScalar(pair?.key) ? pair.key.range : undefined;
          return { file, line: lineOf(range?.[0]), message: `${where}unknown key "${key}"` };
        });
      }
      // Point at the deepest node that exists: a missing key is reported on the mapping that lacks it.
      let line = 1;
      for (let depth = path.length; depth >= 0; depth--) {
        const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
        if (node?.range) {
          line = lineOf(node.range[0]);
          break;
        }
      }
      return [{ file, line, message: `${where}${issue.message}` }];
    }),
  );
}
