import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * Variables of the grader's environment the `docker compose` CLI may see: how to find programs,
 * its own configuration and the engine. Nothing else: a Compose file interpolates the environment
 * (`${GITHUB_TOKEN}`), so any other variable could be copied into a submission's container.
 */
const PASSED_THROUGH = new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "LANG",
  "LC_ALL",
  "TMPDIR",
  "XDG_RUNTIME_DIR",
  "XDG_CONFIG_HOME",
  "DOCKER_HOST",
  "DOCKER_CONFIG",
  "DOCKER_CERT_PATH",
  "DOCKER_TLS_VERIFY",
  "DOCKER_API_VERSION",
  "DOCKER_BUILDKIT",
  "BUILDKIT_PROGRESS",
  "BUILDX_BUILDER",
  "BUILDX_CONFIG",
  // What a Windows process needs to start, and where Docker Desktop keeps its configuration.
  "SystemRoot",
  "ComSpec",
  "PATHEXT",
  "USERPROFILE",
  "APPDATA",
  "LOCALAPPDATA",
  "ProgramData",
  "TEMP",
  "TMP",
]);

/**
 * The environment `docker compose` runs with for a project. Compose takes COMPOSE_FILE,
 * COMPOSE_PROFILES, COMPOSE_PROJECT_NAME... from the process environment first and from the
 * project's `.env` second: none of the grader's is passed, and the project name and profiles are
 * stated, so a `.env` in the submission cannot rename the project or switch profiles on. A project
 * resolved with Compose's default files (`files: []`) asks what a bare `docker compose up` would do
 * in the folder: there the `.env`'s COMPOSE_PROFILES is the student's own choice and is left to it
 * (profiles only select services of files already in the submission).
 */
export function composeEnvironment(project: ComposeInvocation, parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const passed = Object.entries(parent).filter((entry): entry is [string, string] => PASSED_THROUGH.has(entry[0]) && entry[1] !== undefined);
  const env: Record<string, string> = { ...Object.fromEntries(passed), COMPOSE_PROJECT_NAME: project.projectName };
  if (project.files.length > 0) env["COMPOSE_PROFILES"] = project.profiles.join(",");
  return env;
}

/**
 * The same environment for a launcher that starts from the grader's whole environment and can only
 * add to it (testcontainers' Compose): every other variable is set empty. `${VAR}` and `${VAR:-x}`
 * then resolve as they do without it; only `${VAR-x}` tells an empty variable from a missing one.
 * COMPOSE_PARALLEL_LIMIT cannot be empty (Compose refuses to start): the grader's own value stays.
 */
export function maskedComposeEnvironment(project: ComposeInvocation, parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const masked = Object.keys(parent)
    .filter((name) => name !== "COMPOSE_PARALLEL_LIMIT")
    .map((name) => [name, ""]);
  return { ...Object.fromEntries(masked), ...composeEnvironment(project, parent) };
}

export interface ComposeInvocation {
  readonly projectName: string;
  readonly files: readonly string[];
  readonly profiles: readonly string[];
}

/** Compose's own default names, in the order it looks for them (compose-go's DefaultFileNames). */
const DEFAULT_FILES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];
const DEFAULT_OVERRIDES = ["compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"];

/**
 * The files to pass with `-f`: the spec's, or, for an empty list, the ones Compose would find by
 * itself, looked up in the project folder only. Left to itself, Compose reads COMPOSE_FILE from
 * `.env` and climbs to parent folders when the project has no file: both lead outside the submission.
 */
export function composeFiles(project: { readonly dir: string; readonly files: readonly string[] }): string[] {
  if (project.files.length > 0) return [...project.files];
  const first = (names: readonly string[]) => names.find((name) => existsSync(join(project.dir, name)));
  const override = first(DEFAULT_OVERRIDES);
  // No main file: name the first default anyway, and Compose says it is missing.
  return [first(DEFAULT_FILES) ?? (DEFAULT_FILES[0] as string), ...(override ? [override] : [])];
}

/** The submission's own `.env`, named explicitly (the course teaches it for variables), or none. */
export function envFileOf(projectDir: string): string | undefined {
  const path = join(projectDir, ".env");
  return existsSync(path) ? path : undefined;
}
