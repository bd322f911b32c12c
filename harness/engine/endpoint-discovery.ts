import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir, userInfo } from "node:os";
import { join } from "node:path";
import propertiesReader from "properties-reader";

/** Where an engine may answer, and which rule proposed it (shown by `doctor` and in errors). */
export interface EndpointCandidate {
  readonly host: string;
  readonly source: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The engines to try, in testcontainers' order (DOCKER_HOST, ~/.testcontainers.properties, the
 * standard socket, rootless and Desktop sockets), with the docker CLI's current context inserted
 * before the socket guesses, since a user who chose a context expects the grader to follow it.
 */
export function discoverEndpoints(env: Env = process.env, home: string = homedir()): EndpointCandidate[] {
  const explicit = env["DOCKER_HOST"];
  if (explicit) return [{ host: explicit, source: "DOCKER_HOST" }];

  const candidates: EndpointCandidate[] = [];
  const fromProperties = testcontainersPropertiesHost(home);
  if (fromProperties) candidates.push({ host: fromProperties, source: "~/.testcontainers.properties" });
  const fromContext = currentContextHost(env, home);
  if (fromContext) candidates.push(fromContext);
  for (const socket of socketGuesses(env, home)) {
    if (existsSync(socket)) candidates.push({ host: `unix://${socket}`, source: socket });
  }
  if (candidates.length === 0) candidates.push({ host: "unix:///var/run/docker.sock", source: "default socket" });
  return dedupe(candidates);
}

function testcontainersPropertiesHost(home: string): string | undefined {
  const file = join(home, ".testcontainers.properties");
  if (!existsSync(file)) return undefined;
  const value = propertiesReader(file).get("docker.host");
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The docker CLI stores a context's endpoint under meta/<sha256 of its name>/meta.json. */
function currentContextHost(env: Env, home: string): EndpointCandidate | undefined {
  const configDir = env["DOCKER_CONFIG"] ?? join(home, ".docker");
  const name = env["DOCKER_CONTEXT"] ?? readJson(join(configDir, "config.json"))?.["currentContext"];
  if (typeof name !== "string" || name === "" || name === "default") return undefined;
  const digest = createHash("sha256").update(name).digest("hex");
  const meta = readJson(join(configDir, "contexts", "meta", digest, "meta.json"));
  const endpoints = meta?.["Endpoints"] as Record<string, { Host?: string }> | undefined;
  const host = endpoints?.["docker"]?.Host;
  return host ? { host, source: `docker context "${name}"` } : undefined;
}

function socketGuesses(env: Env, home: string): string[] {
  const runtimeDir = env["XDG_RUNTIME_DIR"];
  return [
    "/var/run/docker.sock",
    ...(runtimeDir ? [join(runtimeDir, "docker.sock")] : []),
    join(home, ".docker", "run", "docker.sock"),
    join(home, ".docker", "desktop", "docker.sock"),
    join("/run", "user", String(userInfo().uid), "docker.sock"),
    join(home, ".colima", "default", "docker.sock"),
    join(home, ".orbstack", "run", "docker.sock"),
  ];
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function dedupe(candidates: EndpointCandidate[]): EndpointCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => !seen.has(candidate.host) && seen.add(candidate.host));
}
