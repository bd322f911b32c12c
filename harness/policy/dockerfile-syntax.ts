/** A `syntax` parser directive: BuildKit runs the frontend image it names to read the Dockerfile. */
export interface SyntaxDirective {
  /** 1-based. */
  readonly line: number;
  /** The line as written, e.g. `# syntax=docker/dockerfile:1`. */
  readonly written: string;
  /** The frontend image reference: the directive's value up to the first space. */
  readonly frontend: string;
}

/** BuildKit's directive pattern, after the comment marker and leading spaces. */
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
/** Directives BuildKit knows; any other comment ends the directive block. */
const KNOWN_DIRECTIVES = new Set(["syntax", "escape", "check"]);

/**
 * Every `syntax` directive BuildKit could act on, found the way its parser finds them
 * (frontend/dockerfile/parser/directives.go), a little more widely so that nothing BuildKit reads
 * is missed: a UTF-8 BOM and a `#!` first line are skipped; the directive block is the run of
 * `#` lines at the very top, each `key=value` with a known key (any case, spaces around `=`),
 * and it ends at the first other line, blank lines included; `//` comments are read the same way,
 * and a file that is one JSON object is read for its `"syntax"` key. BuildKit stops at the first
 * `syntax` of the first form that has one, and Engine 26.1's does not skip a BOM nor know `check`:
 * every one is reported here.
 */
export function syntaxDirectives(text: string): SyntaxDirective[] {
  const withoutBom = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const lines = withoutBom.split("\n");
  const first = lines[0]?.startsWith("#!") ? 1 : 0;
  const found = ["#", "//"].flatMap((marker) => directiveBlock(lines, first, marker));
  const json = jsonSyntax(lines.slice(first).join("\n"));
  return json === undefined ? found : [...found, { line: first + 1, written: `"syntax": "${json}"`, frontend: frontendOf(json) }];
}

function directiveBlock(lines: readonly string[], first: number, marker: string): SyntaxDirective[] {
  const found: SyntaxDirective[] = [];
  for (let index = first; index < lines.length; index += 1) {
    const line = lines[index] as string;
    if (!line.startsWith(marker)) break;
    const match = DIRECTIVE.exec(line.slice(marker.length).trimStart());
    const key = match?.[1]?.toLowerCase();
    if (!match || !key || !KNOWN_DIRECTIVES.has(key)) break;
    if (key === "syntax") found.push({ line: index + 1, written: line.trimEnd(), frontend: frontendOf(match[2] as string) });
  }
  return found;
}

function jsonSyntax(text: string): string | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const value = parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>)["syntax"] : undefined;
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

function frontendOf(value: string): string {
  return value.trim().split(/\s/)[0] ?? "";
}

/**
 * Docker's own Dockerfile frontend, `docker/dockerfile` on Docker Hub (also spelt `docker.io/…`
 * or `index.docker.io/…`, which name the same repository), at a release tag (`1`, `1.7`, `1.7.1`),
 * its labs channel (`1-labs`, `1.7-labs`, `labs`), `latest` or no tag, with or without a digest.
 * Anything else (another repository, `docker.io/library/…`, a registry of one's own, the
 * `master` or `upstream` development builds) is someone else's program run inside the builder.
 */
const DEFAULT_FRONTEND =
  /^(?:(?:docker\.io|index\.docker\.io)\/)?docker\/dockerfile(?::(?:\d+(?:\.\d+){0,2}(?:-labs)?|labs|latest))?(?:@sha256:[0-9a-f]{64})?$/;

export function isDefaultFrontend(reference: string): boolean {
  return DEFAULT_FRONTEND.test(reference);
}
