import { readFile, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { composeProjectName } from "../kernel/run-labels.ts";
import { dockerfileOf, type ComposeBuildSection } from "../engine/clients/compose-builder.ts";
import type { ComposeConfigOutcome } from "../engine/clients/compose-project-spec.ts";
import { dockerfileTextViolations, dockerfileViolations, oversizedDockerfileViolation, syntaxArgViolation } from "./dockerfile-rules.ts";
import type { PolicyInput, PolicyViolation } from "./violation.ts";

/** Real Dockerfiles are a few KiB; past this the file is not read (a renamed disk image must cost nothing). */
const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/**
 * Every Dockerfile the grader will build, checked before any build: the exercise's own and, for
 * a Compose exercise, each service's (`dockerfile` or `dockerfile_inline`), plus the services'
 * `BUILDKIT_SYNTAX` build args. A Dockerfile outside the submission is the Compose pass's to
 * refuse, and a project Compose cannot resolve the compose-valid check's to report: both are
 * skipped here.
 */
export async function checkDockerfilePolicy(input: PolicyInput): Promise<PolicyViolation[]> {
  const { root } = input.submission;
  const violations: PolicyViolation[] = [];
  const seen = new Set<string>();
  const checkFile = async (path: string) => {
    const real = await realpath(path).catch(() => undefined);
    if (!real || !isInside(root, real) || seen.has(real)) return;
    seen.add(real);
    violations.push(...(await fileViolations(real, relative(root, real))));
  };
  if (input.exercise.build && input.submission.dockerfile) await checkFile(input.submission.dockerfile);
  const compose = input.exercise.compose;
  if (!compose) return violations;
  const resolved = await resolveProject(input);
  if (!resolved.ok) return violations;
  const composeFile = compose.files[0] ?? "compose.yaml";
  const composeTexts = await readComposeTexts(root, compose.files);
  for (const [service, definition] of Object.entries(resolved.model.services)) {
    if (!definition.build) continue;
    const build = definition.build as ComposeBuildSection;
    const dockerfile = dockerfileOf(build);
    if ("path" in dockerfile) await checkFile(dockerfile.path);
    else violations.push(...dockerfileTextViolations(composeFile, dockerfile.inline, `services.${service}.build.dockerfile_inline`));
    const syntaxArg = build.args?.["BUILDKIT_SYNTAX"];
    if (typeof syntaxArg === "string") {
      const place = placeOf(composeTexts, "BUILDKIT_SYNTAX");
      const violation = syntaxArgViolation(place?.file ?? composeFile, place?.line, service, syntaxArg);
      if (violation) violations.push(violation);
    }
  }
  return violations;
}

function resolveProject(input: PolicyInput): Promise<ComposeConfigOutcome> {
  const compose = input.exercise.compose as NonNullable<PolicyInput["exercise"]["compose"]>;
  return input.engine.compose.config({ dir: input.submission.root, files: compose.files, projectName: composeProjectName(input.runId), profiles: compose.profiles });
}

/** Only a regular file is read (a FIFO would block the grader), and only up to the cap. */
async function fileViolations(path: string, file: string): Promise<PolicyViolation[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return [];
  if (info.size > MAX_DOCKERFILE_BYTES) return [oversizedDockerfileViolation(file, info.size, MAX_DOCKERFILE_BYTES)];
  return dockerfileViolations(file, await readFile(path));
}

async function readComposeTexts(root: string, files: readonly string[]): Promise<{ file: string; text: string }[]> {
  const texts: { file: string; text: string }[] = [];
  for (const file of files) {
    const path = join(root, file);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() && info.size <= MAX_DOCKERFILE_BYTES) texts.push({ file, text: await readFile(path, "utf8") });
  }
  return texts;
}

/** The first line of the Compose files naming `word`; the resolved model has no lines. */
function placeOf(texts: readonly { file: string; text: string }[], word: string): { file: string; line: number } | undefined {
  for (const { file, text } of texts) {
    const index = text.split("\n").findIndex((line) => line.includes(word));
    if (index >= 0) return { file, line: index + 1 };
  }
  return undefined;
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}
