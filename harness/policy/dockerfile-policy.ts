import { MAX_DOCKERFILE_BYTES, type DockerfileBuild, type SubmissionDockerfile } from "../submission/submission-dockerfile.ts";
import type { ComposeSource } from "./compose-sources.ts";
import { dockerfileTextViolations, dockerfileViolations, oversizedDockerfileViolation, syntaxArgViolation } from "./dockerfile-rules.ts";
import type { PolicyViolation } from "./violation.ts";

/** The Compose files a service's inline Dockerfile and build arguments are placed in. */
export interface ComposePlaces {
  /** The exercise's Compose files, in their order. */
  readonly files: readonly string[];
  readonly sources: readonly ComposeSource[];
}

/**
 * Every Dockerfile the grader will build, checked before any build: the exercise's own and, for
 * a Compose exercise, each service's (`dockerfile` or `dockerfile_inline`), plus the services'
 * `BUILDKIT_SYNTAX` build args. A Dockerfile outside the submission is the Compose pass's to
 * refuse, and a project Compose cannot resolve the compose-valid check's to report: the preflight
 * lists neither. Each file is judged once, where it is first built.
 */
export function checkDockerfilePolicy(builds: readonly DockerfileBuild[], compose?: ComposePlaces): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const seen = new Set<string>();
  const composeFile = compose?.files[0] ?? "compose.yaml";
  for (const build of builds) {
    const { dockerfile } = build;
    if (dockerfile && "inline" in dockerfile) {
      violations.push(...dockerfileTextViolations(composeFile, dockerfile.inline, `services.${build.service}.build.dockerfile_inline`));
    } else if (dockerfile && !seen.has(dockerfile.path)) {
      seen.add(dockerfile.path);
      violations.push(...fileViolations(dockerfile));
    }
    const syntaxArg = build.args["BUILDKIT_SYNTAX"];
    if (build.service !== undefined && typeof syntaxArg === "string") {
      const place = placeOf(compose, "BUILDKIT_SYNTAX");
      const violation = syntaxArgViolation(place?.file ?? composeFile, place?.line, build.service, syntaxArg);
      if (violation) violations.push(violation);
    }
  }
  return violations;
}

/** Only a regular file is judged (a FIFO is never read), and one past the cap only by its size. */
function fileViolations(dockerfile: SubmissionDockerfile): PolicyViolation[] {
  if (!dockerfile.regular) return [];
  if (!dockerfile.bytes) return [oversizedDockerfileViolation(dockerfile.file, dockerfile.size, MAX_DOCKERFILE_BYTES)];
  return dockerfileViolations(dockerfile.file, dockerfile.bytes);
}

/** The first line of the exercise's Compose files naming `word`; the resolved model has no lines. */
function placeOf(compose: ComposePlaces | undefined, word: string): { file: string; line: number } | undefined {
  for (const file of compose?.files ?? []) {
    const source = compose?.sources.find((candidate) => candidate.text.file === file);
    const index = source?.text.source.split("\n").findIndex((line) => line.includes(word)) ?? -1;
    if (index >= 0) return { file, line: index + 1 };
  }
  return undefined;
}
