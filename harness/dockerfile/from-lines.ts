import { DockerfileParser } from "dockerfile-ast";

/** One FROM line, with build args from before the first FROM substituted by their defaults. */
export interface FromLine {
  /** 1-based, as editors show it. */
  readonly line: number;
  /** The reference as written, e.g. `busybox:${VERSION}`. */
  readonly written: string;
  /** The reference with defaults substituted; undefined when an ARG has no default. */
  readonly resolved: string | undefined;
  /** `scratch` or an earlier stage's alias: no image is pulled for it. */
  readonly internal: boolean;
  readonly alias: string | undefined;
}

export function readFromLines(source: string): FromLine[] {
  const dockerfile = DockerfileParser.parse(source);
  const defaults = new Map<string, string | undefined>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property?.getName()) defaults.set(property.getName(), property.getValue() ?? undefined);
  }
  const stages = new Set<string>();
  return dockerfile.getFROMs().map((from) => {
    const written = from.getImage() ?? "";
    const resolved = substitute(written, defaults);
    const internal = written.toLowerCase() === "scratch" || stages.has(written.toLowerCase());
    const alias = from.getBuildStage() ?? undefined;
    if (alias) stages.add(alias.toLowerCase());
    return { line: from.getRange().start.line + 1, written, resolved, internal, alias };
  });
}

/** `${NAME}`, `$NAME` and `${NAME:-fallback}` as the Dockerfile frontend expands them in FROM. */
function substitute(reference: string, defaults: ReadonlyMap<string, string | undefined>): string | undefined {
  let unresolved = false;
  const value = reference.replace(/\$\{(\w+)(?::-([^}]*))?\}|\$(\w+)/g, (_, braced, fallback, bare) => {
    const found = defaults.get(braced ?? bare) ?? fallback;
    if (found === undefined) unresolved = true;
    return found ?? "";
  });
  return unresolved ? undefined : value;
}

/** Splits `registry/name:tag@digest` into name, tag and digest (a port is not a tag). */
export function parseImageReference(reference: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest, digest] = reference.split("@", 2) as [string, string | undefined];
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  const name = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
  const tag = colon === -1 ? undefined : withoutDigest.slice(colon + 1);
  return { name, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}
