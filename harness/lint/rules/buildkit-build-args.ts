import { Arg, type Instruction } from "dockerfile-ast";
import type { LintedDockerfile } from "../linted-dockerfile.ts";

/**
 * The platform args BuildKit defines for every build, with the values of a linux/amd64 build (a
 * lint has no platform: these stand for "some valid platform"). FROM sees them without an ARG; a
 * stage must declare them (`ARG TARGETARCH`) to see them.
 */
export const PLATFORM_ARGS: ReadonlyMap<string, string> = new Map([
  ["TARGETPLATFORM", "linux/amd64"],
  ["TARGETOS", "linux"],
  ["TARGETARCH", "amd64"],
  ["TARGETVARIANT", ""],
  ["BUILDPLATFORM", "linux/amd64"],
  ["BUILDOS", "linux"],
  ["BUILDARCH", "amd64"],
  ["BUILDVARIANT", ""],
]);

/** Args the builder passes to RUN without an ARG (the proxies), or reads itself: never a student's typo. */
const BUILDER_ARGS = [
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "FTP_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "http_proxy",
  "https_proxy",
  "ftp_proxy",
  "no_proxy",
  "all_proxy",
  "SOURCE_DATE_EPOCH",
];

/** BuildKit gives every image a default PATH, scratch included. */
export const DEFAULT_ENV = ["PATH"];

export function isBuilderArg(name: string): boolean {
  return BUILDER_ARGS.includes(name) || name.startsWith("BUILDKIT_");
}

/** A `$NAME` or `${NAME…}` the Dockerfile frontend expands, where it is written. */
export interface UsedVariable {
  readonly name: string;
  /** `${NAME:-default}`, `${NAME-x}`, `${NAME:+x}`…: the writer handled the unset case. */
  readonly guarded: boolean;
  readonly line: number;
  readonly column: number;
}

/** The variables an instruction expands; single quotes keep a `$` literal, as the frontend reads them. */
export function usedVariables(node: Instruction, source: readonly string[]): UsedVariable[] {
  return node.getVariables().flatMap((variable) => {
    const { start } = variable.getRange();
    const before = (source[start.line] ?? "").slice(0, start.character);
    if (insideSingleQuotes(before)) return [];
    return [{ name: variable.getName(), guarded: variable.getModifier() !== null, line: start.line + 1, column: start.character + 1 }];
  });
}

function insideSingleQuotes(before: string): boolean {
  let single = false;
  let double = false;
  for (let at = 0; at < before.length; at += 1) {
    const char = before[at];
    if (char === "\\" && !single) at += 1;
    else if (char === "'" && !double) single = !single;
    else if (char === '"' && !single) double = !double;
  }
  return single;
}

/** The ARGs declared before the first FROM, with their defaults (undefined: no default). */
export function globalArgs(dockerfile: LintedDockerfile): Map<string, string | undefined> {
  const args = new Map<string, string | undefined>();
  for (const instruction of dockerfile.instructions) {
    if (instruction.stage !== -1 || !(instruction.node instanceof Arg)) continue;
    for (const property of instruction.node.getProperties()) args.set(property.getName(), property.getValue() ?? args.get(property.getName()));
  }
  return args;
}

/**
 * The closest name at an edit distance under 3, as BuildKit's "did you mean" finds it; undefined
 * when none is close or the name is itself an option.
 */
export function nearMiss(name: string, options: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const option of options) {
    if (option === name) return undefined;
    const distance = editDistance(name, option);
    if (distance < bestDistance) {
      best = option;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1)
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * A FROM word expanded as a build with no `--build-arg` expands it: an ARG without a default is
 * unset, `${A:-x}` falls back when A is unset or empty, `${A-x}` when unset, `${A:+x}` is x when A
 * is set and not empty. `values` holds the names that are set.
 */
export function expandWord(word: string, values: ReadonlyMap<string, string | undefined>): string {
  return word.replace(/\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, colon, operator, word, bare) => {
    if (whole === "\\$") return "$";
    const value = values.get(braced ?? bare);
    const empty = value === undefined || (colon === ":" && value === "");
    if (operator === "-") return empty ? word : (value as string);
    if (operator === "+") return empty ? "" : word;
    return value ?? "";
  });
}
