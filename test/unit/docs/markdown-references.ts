import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import GithubSlugger from "github-slugger";
import { lexer, type Token, type Tokens, walkTokens } from "marked";

/**
 * What the docs point at, read the way GitHub shows them: Markdown links (to files, folders and
 * `#anchors`), repository paths written in backticks, and sections named in prose instead of
 * linked. Each problem names its file and line, so a broken reference is fixed where it is written.
 */

/** A reference that leads nowhere, where it is written. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Folders of the repository a path in backticks may start with. */
const ROOT_FOLDERS = ["harness", "graders", "exercises", "test", "ci", "bench", "docs", "reports"];
const FOLDER_PATH = new RegExp(`^(?:${ROOT_FOLDERS.join("|")})/`);
/** Files at the root a path in backticks may name (a bare `README.md` or `result.json` is some other folder's). */
const ROOT_FILE =
  /^(?:package(?:-lock)?\.json|tsconfig(?:\.[\w-]+)?\.json|vitest(?:\.[\w-]+)?\.config\.[cm]?[jt]s|biome\.jsonc?|\.dependency-cruiser\.c?js|\.gitignore)$/;
/** A placeholder (`graders/<id>/`, `docs/**`, `$TMPDIR/...`) stands for many paths, not one. */
const PLACEHOLDER = /[<>*{}[\]$…]|\.\.\./;
/** A URL scheme: such links leave the repository and are not checked here. */
const EXTERNAL = /^[a-z][a-z\d+.-]*:/i;
/**
 * A section named in prose, as in `("Adding an exercise")` or `(see *Grading a class*)`: it breaks
 * silently when the section is renamed, where a link would not. Such names must be links.
 */
const SECTION_IN_PROSE = /\((?:(?:see|voir)\s+)?(?:"|“|\*|_)([A-Z][^"”*_()]{2,80})(?:"|”|\*|_)\)/g;

/** Reads, lexes and slugs each page once, since pages link to each other. */
export class DocSet {
  private readonly pages = new Map<string, Page>();

  constructor(readonly root: string) {}

  /** Every problem of one Markdown file of the repository (a path relative to the root). */
  problemsOf(file: string): Problem[] {
    const page = this.page(file);
    const problems: Problem[] = [];
    const report = (offset: number, message: string) => problems.push({ file, line: lineAt(page.source, offset), message });

    for (const { href, offset } of page.links) {
      const message = this.brokenLink(file, href);
      if (message) report(offset, message);
    }
    for (const { path, offset } of page.paths) {
      if (!this.exists(path)) report(offset, `\`${path}\` does not exist in the repository`);
    }
    for (const { name, offset } of page.sectionsInProse) {
      report(offset, `the section "${name}" is named in prose: link to it instead ([${name}](page.md#anchor))`);
    }
    return problems.sort((a, b) => a.line - b.line);
  }

  /** A link's problem, or undefined when it leads somewhere. */
  private brokenLink(from: string, href: string): string | undefined {
    if (EXTERNAL.test(href)) return undefined;
    const [rawPath = "", anchor] = href.split("#", 2) as [string, string | undefined];
    const path = decodeURIComponent(rawPath);
    if (isAbsolute(path)) return `link ${href}: an absolute path does not work on GitHub; use a relative one`;
    const target =
      path === ""
        ? from
        : relative(this.root, resolve(this.root, dirname(from), path))
            .split(sep)
            .join("/");
    if (target.startsWith("..")) return `link ${href} leads outside the repository`;
    if (!existsSync(join(this.root, target))) return `link ${href}: ${target} does not exist`;
    if (anchor === undefined || anchor === "") return undefined;
    if (!target.endsWith(".md") || statSync(join(this.root, target)).isDirectory()) return `link ${href}: an anchor needs a Markdown page`;
    if (!this.page(target).anchors.has(anchor)) return `link ${href}: ${target} has no heading whose anchor is #${anchor}`;
    return undefined;
  }

  /** Present, or a file a command writes that git is told to ignore (`bench/results.json`, `reports/out/`). */
  private exists(path: string): boolean {
    if (existsSync(join(this.root, path))) return true;
    try {
      execFileSync("git", ["check-ignore", "--quiet", "--no-index", path], { cwd: this.root, stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  }

  private page(file: string): Page {
    let page = this.pages.get(file);
    if (!page) {
      page = readPage(readFileSync(join(this.root, file), "utf8"));
      this.pages.set(file, page);
    }
    return page;
  }
}

/** What one page holds: its headings' anchors and what it points at, with offsets into its source. */
interface Page {
  readonly source: string;
  readonly anchors: ReadonlySet<string>;
  readonly links: readonly { readonly href: string; readonly offset: number }[];
  readonly paths: readonly { readonly path: string; readonly offset: number }[];
  readonly sectionsInProse: readonly { readonly name: string; readonly offset: number }[];
}

/** Lexes a page with marked (GitHub-flavoured, as GitHub renders it) and collects what it points at. */
export function readPage(source: string): Page {
  const tokens = lexer(source, { gfm: true });
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  const links: { href: string; offset: number }[] = [];
  const paths: { path: string; offset: number }[] = [];
  const code: string[] = [];
  // Tokens carry their raw text, not their offset: each is found from where the previous one of its kind was.
  const cursor = { link: 0, path: 0 };

  walkTokens(tokens, (token: Token) => {
    switch (token.type) {
      case "heading":
        // GitHub slugs the heading as rendered: code spans keep their text, emphasis and links lose their marks.
        anchors.add(slugger.slug(renderedText((token as Tokens.Heading).tokens)));
        break;
      case "link":
      case "image": {
        const offset = source.indexOf(token.raw, cursor.link);
        cursor.link = offset < 0 ? cursor.link : offset + 1;
        links.push({ href: (token as Tokens.Link).href, offset: Math.max(offset, 0) });
        break;
      }
      case "codespan":
      case "code": {
        code.push(token.raw);
        const offset = source.indexOf(token.raw, cursor.path);
        cursor.path = offset < 0 ? cursor.path : offset + 1;
        for (const path of repositoryPaths((token as Tokens.Codespan | Tokens.Code).text)) paths.push({ path, offset: Math.max(offset, 0) });
        break;
      }
    }
  });

  return { source, anchors, links, paths, sectionsInProse: sectionsNamedInProse(source, code) };
}

/** The words of a code span or block that are paths of the repository (placeholders and other folders left out). */
export function repositoryPaths(code: string): string[] {
  return code
    .split(/\s+/)
    .map((word) =>
      word
        .replace(/^["'(]+/, "")
        .replace(/["'),;]+$/, "")
        .replace(/:\d+$/, ""),
    )
    .filter((word) => (FOLDER_PATH.test(word) || ROOT_FILE.test(word)) && !PLACEHOLDER.test(word));
}

function sectionsNamedInProse(source: string, code: readonly string[]): { name: string; offset: number }[] {
  // Blank the code out, keeping offsets, so that quotes inside code are not prose.
  let prose = source;
  for (const raw of code) {
    const at = prose.indexOf(raw);
    if (at >= 0) prose = prose.slice(0, at) + " ".repeat(raw.length) + prose.slice(at + raw.length);
  }
  return [...prose.matchAll(SECTION_IN_PROSE)].map((match) => ({ name: match[1] as string, offset: match.index }));
}

function renderedText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if ("tokens" in token && Array.isArray(token.tokens) && token.type !== "codespan") return renderedText(token.tokens);
      return "text" in token && typeof token.text === "string" ? unescapeEntities(token.text) : "";
    })
    .join("");
}

/** marked keeps `&amp;` and friends in a text token; GitHub slugs the character. */
function unescapeEntities(text: string): string {
  return text
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function lineAt(source: string, offset: number): number {
  return source.slice(0, offset).split("\n").length;
}
