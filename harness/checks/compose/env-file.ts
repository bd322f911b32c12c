/**
 * Pure helpers for `env_file` checks. `docker compose config` folds env files into each service's
 * `environment` and forgets where a value came from; to tell, the grader resolves a copy of the
 * project in which the env file's values are replaced by probe values, and sees which ones reach
 * the service.
 */

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=(.*)$/;

/** `KEY=value` lines as Compose reads them: comments and blank lines skipped, quotes removed. */
export function parseEnvFile(source: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of source.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const match = LINE.exec(line);
    if (match) values.set(match[1] as string, unquote((match[2] as string).trim()));
  }
  return values;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted) return quoted[2] as string;
  // An unquoted value ends at ` #` (an inline comment).
  return value.replace(/\s+#.*$/, "");
}

/** The same file with each listed key's value replaced by its probe value; other lines untouched. */
export function withProbeValues(source: string, probes: ReadonlyMap<string, string>): string {
  return source
    .split(/\r?\n/)
    .map((line) => {
      if (/^\s*#/.test(line)) return line;
      const match = LINE.exec(line);
      const probe = match ? probes.get(match[1] as string) : undefined;
      return probe === undefined ? line : `${match?.[1]}=${probe}`;
    })
    .join("\n");
}

export function probeValue(runId: string, key: string): string {
  return `dockgrade-probe-${runId}-${key}`;
}

export type EnvFileStatus =
  | "from-file"
  /** The setting is not in the env file at all (written inline, or missing). */
  | "not-in-file"
  /** The service reads the file, but `environment:` sets this key again and wins. */
  | "overridden"
  /** The service does not read this env file. */
  | "file-not-used";

/**
 * For each wanted key: does the service's resolved environment follow the env file? `probed` is
 * the service's environment once the file's values were replaced with `probes`.
 */
export function judgeEnvFile(
  keys: readonly string[],
  inFile: ReadonlyMap<string, string>,
  probes: ReadonlyMap<string, string>,
  probed: Readonly<Record<string, string | null>>,
): { key: string; status: EnvFileStatus }[] {
  const fileRead = [...probes].some(([key, value]) => probed[key] === value);
  return keys.map((key) => {
    if (!inFile.has(key)) return { key, status: "not-in-file" };
    if (probed[key] === probes.get(key)) return { key, status: "from-file" };
    return { key, status: fileRead ? "overridden" : "file-not-used" };
  });
}
