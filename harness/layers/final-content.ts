import { BUILD_TOOL_PATHS, PACKAGE_CACHE_PATHS } from "./build-tool-paths.ts";
import type { ShippedFile } from "./layer-changes.ts";

/** Content that should not ship, found in the final image, grouped by the layer that added it. */
export interface ContentFinding {
  /** `content/git`, `content/package-cache`, `content/build-tools`, `content/dev-dependencies`, `content/junk`. */
  readonly rule: string;
  readonly layer: number;
  readonly files: number;
  readonly bytes: number;
  /** A few of the paths, with a leading slash, the largest first. */
  readonly examples: readonly string[];
}

/** Paths without a leading slash, e.g. `app/.git/HEAD`. */
export const CONTENT_RULES: readonly { readonly rule: string; readonly patterns: readonly RegExp[] }[] = [
  { rule: "content/git", patterns: [/(^|\/)\.git\//] },
  {
    rule: "content/package-cache",
    patterns: [...PACKAGE_CACHE_PATHS, /^(root|home\/[^/]+)\/\.(npm|cache\/pip|cache\/yarn|cache\/go-build)\//, /^usr\/local\/share\/\.cache\/yarn\//],
  },
  { rule: "content/build-tools", patterns: [...BUILD_TOOL_PATHS, /(^|\/)cc1(plus)?$/] },
  {
    rule: "content/dev-dependencies",
    patterns: [
      /(^|\/)node_modules\/(typescript|eslint|jest|vitest|mocha|nodemon|prettier|ts-node|webpack|@types|@typescript-eslint)\//,
      /(^|\/)site-packages\/(pytest|black|flake8|mypy|pylint)\//,
    ],
  },
  {
    rule: "content/junk",
    patterns: [/\.sw[op]$/, /[^/]~$/, /(^|\/)\.DS_Store$/, /(^|\/)Thumbs\.db$/, /(^|\/)\.(vscode|idea)\//, /(^|\/)(\.pytest_cache|coverage|\.nyc_output)\//],
  },
];

const EXAMPLES = 5;

/**
 * What the final image ships that it should not: `.git`, package caches, build tools, development
 * dependencies, editor and test leftovers. Each rule's files are grouped by the layer that added
 * them, so each group points at one Dockerfile line.
 */
export function finalContent(final: ReadonlyMap<string, ShippedFile>): ContentFinding[] {
  const groups = new Map<string, { rule: string; layer: number; paths: [string, number][] }>();
  for (const [path, file] of final) {
    const rule = CONTENT_RULES.find(({ patterns }) => patterns.some((pattern) => pattern.test(path)))?.rule;
    if (!rule) continue;
    const key = `${rule}\u0000${file.layer}`;
    const group = groups.get(key) ?? { rule, layer: file.layer, paths: [] };
    group.paths.push([path, file.size]);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ rule, layer, paths }) => ({
      rule,
      layer,
      files: paths.length,
      bytes: paths.reduce((sum, [, size]) => sum + size, 0),
      examples: paths
        .sort(([pathA, a], [pathB, b]) => b - a || (pathA < pathB ? -1 : 1))
        .slice(0, EXAMPLES)
        .map(([path]) => `/${path}`),
    }))
    .sort((a, b) => a.layer - b.layer || (a.rule < b.rule ? -1 : 1));
}
