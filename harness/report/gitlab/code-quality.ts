import { findingsOf, type Finding, type RepositorySubmission } from "../findings.ts";

/** The severities GitLab's Code Quality widget knows, lowest first. */
export type CodeQualitySeverity = "info" | "minor" | "major" | "critical" | "blocker";

/** One issue of a GitLab Code Quality report (docs: ci/testing/code_quality, "Code Quality report format"). */
export interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: CodeQualitySeverity;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

/**
 * The Code Quality report GitLab reads from `artifacts:reports:codequality` and shows in a merge
 * request's widget and diff: one issue per failed check or refused setting that has a file. A check
 * that cannot say which line is put on line 1 of its file, since GitLab needs a line. A refused setting
 * is `critical` (nothing could be graded); a failed check is `major`. Grader errors and ungradable
 * submissions without a file stay out: they are on no line of the student's code, and the JUnit report
 * of the same job shows them. GitLab compares fingerprints between the source and target branch to tell
 * new issues from fixed ones, so they hash what the issue is, not where its line moved to.
 */
export function renderGitlabCodeQuality(submissions: readonly RepositorySubmission[]): string {
  const issues = findingsOf(submissions).flatMap((finding) => {
    if (finding.severity !== "error" || finding.path === undefined) return [];
    return [issue(finding, finding.path)];
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}

function issue(finding: Finding, path: string): CodeQualityIssue {
  return {
    description: `${finding.title}\n${finding.message}`,
    check_name: finding.ruleId,
    fingerprint: finding.fingerprint,
    severity: finding.ruleId.startsWith("policy/") ? "critical" : "major",
    location: { path, lines: { begin: finding.line ?? 1 } },
  };
}
