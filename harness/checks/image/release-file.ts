import { readFile } from "node:fs/promises";
import { text, type Text } from "../../kernel/text.ts";
import type { Fixture } from "../context.ts";

/**
 * `release.env`, where a chapter 01 submission says how its image is published: `IMAGE` (the
 * repository, `[registry/][namespace/]name`) and `VERSION` (the tag), as a CI job reads them before
 * `docker build -t "$IMAGE:$VERSION"`. Parsed strictly: `KEY=VALUE` lines, `#` comments.
 */
export const RELEASE_FILE = "release.env";

export interface ReleaseValue {
  readonly value: string;
  readonly line: number;
}

export interface ReleaseFile {
  readonly image?: ReleaseValue;
  readonly version?: ReleaseValue;
  /** Lines that are not `KEY=VALUE`, unknown keys, a missing key. */
  readonly problems: readonly Text[];
}

export function parseReleaseFile(source: string): ReleaseFile {
  const values = new Map<string, ReleaseValue>();
  const problems: Text[] = [];
  source.split("\n").forEach((raw, index) => {
    const line = raw.replace(/\r$/, "").trim();
    if (line === "" || line.startsWith("#")) return;
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match || (match[1] !== "IMAGE" && match[1] !== "VERSION")) {
      problems.push(
        text(
          `Ligne ${index + 1} ignorée : « ${line} » (attendu IMAGE=… ou VERSION=…).`,
          `Line ${index + 1} ignored: "${line}" (expected IMAGE=… or VERSION=…).`,
        ),
      );
      return;
    }
    values.set(match[1], { value: (match[2] ?? "").replace(/^(["'])(.*)\1$/, "$2"), line: index + 1 });
  });
  for (const key of ["IMAGE", "VERSION"])
    if (!values.has(key)) problems.push(text(`${key} manque dans ${RELEASE_FILE}.`, `${key} is missing from ${RELEASE_FILE}.`));
  const image = values.get("IMAGE");
  const version = values.get("VERSION");
  return { ...(image ? { image } : {}), ...(version ? { version } : {}), problems };
}

/** distribution/reference: a registry host, then lower-case path components separated by `/`. */
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?$/;
const PATH = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^\w[\w.-]{0,127}$/;

/** Why `repository:tag` is not a name Docker accepts, or undefined when it is. */
export function referenceProblem(repository: string, tag: string): Text | undefined {
  // The first component is a registry only with a dot, a port, or as `localhost` (as Docker reads it).
  const slash = repository.indexOf("/");
  const first = slash < 0 ? "" : repository.slice(0, slash);
  const hasDomain = first.includes(".") || first.includes(":") || first === "localhost";
  const path = hasDomain ? repository.slice(slash + 1) : repository;
  if ((hasDomain && !DOMAIN.test(first)) || !PATH.test(path) || repository.length > 255) {
    return text(
      `« ${repository} » n'est pas un nom de dépôt valide : minuscules, chiffres et séparateurs . _ - entre des composants séparés par /.`,
      `"${repository}" is not a valid repository name: lower case, digits and . _ - separators, components separated by /.`,
    );
  }
  if (!TAG.test(tag))
    return text(
      `« ${tag} » n'est pas un tag valide (lettres, chiffres, _ . -, 128 au plus).`,
      `"${tag}" is not a valid tag (letters, digits, _ . -, at most 128).`,
    );
  return undefined;
}

/**
 * The submission's release.env, read once per run from the path the submission check resolved
 * (a link out of the submission is refused there); undefined when the exercise does not require it.
 */
export const releaseFile: Fixture<ReleaseFile | undefined> = {
  name: "release file",
  async setUp(ctx) {
    const path = ctx.submission.files.get(RELEASE_FILE);
    return path === undefined ? undefined : parseReleaseFile(await readFile(path, "utf8"));
  },
};
