import { readFile, realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, sep } from "node:path";
import type { FindingInput } from "../kernel/findings.ts";
import { composeProjectName } from "../kernel/run-labels.ts";
import { dockerfileOf, type ComposeBuildSection } from "../engine/clients/compose-builder.ts";
import type { PolicyInput } from "../policy/violation.ts";
import { lintDockerfile } from "./lint.ts";

/** The policy refuses bigger Dockerfiles before this runs; the cap keeps this pass safe on its own. */
const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/**
 * Lints every Dockerfile the grader will build: the exercise's own and, for a Compose exercise,
 * each service's, found in the model `docker compose config` resolves (as the policy pass finds
 * them). A `dockerfile_inline` is left out: its lines are not the Compose file's. Only regular
 * files inside the submission are read, each once; run it after the policy pass has accepted the
 * submission, never on a refused one.
 */
export async function lintSubmissionDockerfiles(input: PolicyInput): Promise<FindingInput[]> {
  const { root } = input.submission;
  const findings: FindingInput[] = [];
  const seen = new Set<string>();
  const lintFile = async (path: string) => {
    const real = await realpath(path).catch(() => undefined);
    if (!real || seen.has(real) || !isInside(root, real)) return;
    seen.add(real);
    const info = await stat(real);
    if (!info.isFile() || info.size > MAX_DOCKERFILE_BYTES) return;
    findings.push(...lintDockerfile(await readFile(real, "utf8"), relative(root, real).split(sep).join("/")));
  };
  if (input.exercise.build && input.submission.dockerfile) await lintFile(input.submission.dockerfile);
  const compose = input.exercise.compose;
  if (!compose) return findings;
  const resolved = await input.engine.compose.config({ dir: root, files: compose.files, projectName: composeProjectName(input.runId), profiles: compose.profiles });
  // A project Compose rejects is the compose-valid check's to report.
  if (!resolved.ok) return findings;
  for (const definition of Object.values(resolved.model.services)) {
    if (!definition.build) continue;
    const dockerfile = dockerfileOf(definition.build as ComposeBuildSection);
    if ("path" in dockerfile) await lintFile(dockerfile.path);
  }
  return findings;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
