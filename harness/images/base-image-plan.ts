import { BUSYBOX_VERSION } from "./busybox-source.ts";
import { InvalidImageRefError } from "./errors.ts";

/**
 * Pure planning: which base images an exercise needs, under one canonical name each, and which
 * offline builder can make them. No engine, no file system.
 */
export type OfflineBuilderKind = "debootstrap" | "busybox-source";

/** Tags of `debian` that one debootstrap of bookworm serves; the first is the one built, the rest are tags. */
const DEBIAN_TAGS = ["12-slim", "bookworm-slim", "12", "bookworm"] as const;

/**
 * Tags of `busybox` that name the version the offline builder compiles, as Docker Hub's do: `1` and
 * `latest` while BUSYBOX_VERSION is upstream's newest release. A tag of another version has no
 * offline builder: an image tagged 1.36 with 1.37 inside would lie.
 */
const BUSYBOX_TAGS = [BUSYBOX_VERSION.split(".").slice(0, 2).join("."), BUSYBOX_VERSION, "1", "latest"];

/** `1.37.0-<qualifier>`: a local name of that very build (as Debian suffixes versions), e.g. a test's throw-away tag. */
const QUALIFIED_BUSYBOX_TAG = `${BUSYBOX_VERSION}-`;

/** What the offline builders can make, for `npm run doctor` and the hint of an image nobody provides. */
export const OFFLINE_BUILDABLE_REFS: readonly string[] = [...DEBIAN_TAGS.map((tag) => `debian:${tag}`), ...BUSYBOX_TAGS.map((tag) => `busybox:${tag}`)];

/** Docker Hub's names for itself: `docker.io/library/debian:12-slim` is `debian:12-slim`. */
const HUB_DOMAINS = new Set(["docker.io", "index.docker.io"]);

export interface ParsedRef {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Images that one builder run provides: `refs[0]` is built, the others become tags of it. */
export interface BaseImageGroup {
  readonly builder?: OfflineBuilderKind;
  readonly refs: readonly string[];
}

export function parseImageRef(ref: string): ParsedRef {
  if (ref === "" || /\s/.test(ref)) throw new InvalidImageRefError(ref, "it is empty or contains spaces");
  const at = ref.indexOf("@");
  const named = at === -1 ? ref : ref.slice(0, at);
  const digest = at === -1 ? undefined : ref.slice(at + 1);
  const colon = named.lastIndexOf(":");
  const hasTag = colon > named.lastIndexOf("/");
  const repository = hasTag ? named.slice(0, colon) : named;
  const tag = hasTag ? named.slice(colon + 1) : undefined;
  const { domain, path } = splitDomain(repository);
  if (path === "" || path.startsWith("/") || path.endsWith("/")) throw new InvalidImageRefError(ref, "the repository name is missing");
  if (path !== path.toLowerCase()) throw new InvalidImageRefError(ref, "repository names are lower case");
  if (tag !== undefined && !/^\w[\w.-]{0,127}$/.test(tag)) throw new InvalidImageRefError(ref, `"${tag}" is not a valid tag`);
  if (digest !== undefined && !/^[a-z0-9]+:[a-f0-9]{32,}$/.test(digest)) {
    throw new InvalidImageRefError(ref, `"${digest}" is not a valid digest`);
  }
  const familiar = domain === undefined || HUB_DOMAINS.has(domain);
  const name = familiar ? path.replace(/^library\/(?=[^/]+$)/, "") : `${domain}/${path}`;
  return { repository: name, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** The name the engine lists the image under: `busybox` -> `busybox:latest`. */
export function normaliseImageRef(ref: string): string {
  const { repository, tag, digest } = parseImageRef(ref);
  if (digest !== undefined) return `${repository}${tag ? `:${tag}` : ""}@${digest}`;
  return `${repository}:${tag ?? "latest"}`;
}

/** A ref pinned by digest names exact bytes no offline build can reproduce, so it has no builder. */
export function offlineBuilderFor(ref: string): OfflineBuilderKind | undefined {
  const { repository, tag = "latest", digest } = parseImageRef(ref);
  if (digest !== undefined) return undefined;
  if (repository === "debian" && (DEBIAN_TAGS as readonly string[]).includes(tag)) return "debootstrap";
  if (repository === "busybox" && (BUSYBOX_TAGS.includes(tag) || tag.startsWith(QUALIFIED_BUSYBOX_TAG))) return "busybox-source";
  return undefined;
}

/** Normalises and de-duplicates `refs` and puts the refs one builder run can serve in one group, in order. */
export function planBaseImages(refs: readonly string[]): BaseImageGroup[] {
  const groups: { builder?: OfflineBuilderKind; refs: string[] }[] = [];
  for (const ref of new Set(refs.map(normaliseImageRef))) {
    const builder = offlineBuilderFor(ref);
    const group = builder === undefined ? undefined : groups.find((candidate) => candidate.builder === builder);
    if (group) group.refs.push(ref);
    else groups.push(builder === undefined ? { refs: [ref] } : { builder, refs: [ref] });
  }
  return groups;
}

/** Like Docker: the first component is a registry when it looks like a host (has `.` or `:`, or is localhost). */
function splitDomain(repository: string): { domain?: string; path: string } {
  const slash = repository.indexOf("/");
  const first = slash === -1 ? "" : repository.slice(0, slash);
  if (first.includes(".") || first.includes(":") || first === "localhost") return { domain: first, path: repository.slice(slash + 1) };
  return { path: repository };
}
