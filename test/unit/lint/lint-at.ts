import { lintDockerfile } from "../../../harness/lint/lint.ts";

/** `rule line:column` of each finding of a Dockerfile written as lines, for compact expectations. */
export function lintAt(...lines: string[]): string[] {
  return lintDockerfile(lines.join("\n"), "Dockerfile").map((finding) => `${finding.rule} ${finding.line}:${finding.column}`);
}

/** The ids of the rules that fire, each once. */
export function rulesFiring(...lines: string[]): string[] {
  return [...new Set(lintDockerfile(lines.join("\n"), "Dockerfile").map((finding) => finding.rule))];
}

/** A final stage that breaks no rule, to append after the lines under test. */
export const CLEAN_TAIL = ["USER 10001:10001", 'HEALTHCHECK CMD ["true"]', 'CMD ["/app"]'];
