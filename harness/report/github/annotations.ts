import { findingsOf, type Finding, type RepositorySubmission } from "../findings.ts";

/**
 * GitHub Actions workflow commands that put each finding on the pull request's diff: `::error` for a
 * failed check or refused setting (on its file and line, or on its file when the check cannot say which
 * line; with no file when nothing says which), `::warning` for a grader error, which is not the student's
 * fault. GitHub shows at most 10 annotations of each kind per step; the job summary lists everything.
 */
export function renderAnnotations(submissions: readonly RepositorySubmission[]): string {
  return findingsOf(submissions).map(annotation).join("");
}

function annotation(finding: Finding): string {
  const properties: [string, string][] = [];
  if (finding.path !== undefined) properties.push(["file", finding.path]);
  if (finding.path !== undefined && finding.line !== undefined) properties.push(["line", String(finding.line)]);
  properties.push(["title", finding.title]);
  const written = properties.map(([name, value]) => `${name}=${escapeProperty(value)}`).join(",");
  return `::${finding.severity} ${written}::${escapeData(finding.message)}\n`;
}

/**
 * A command's message as the runner reads it back (actions/runner, ActionCommand.cs): `%`, CR and LF
 * percent-encoded, so a message stays on its command's line and shows its line breaks in the annotation.
 */
export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value (`file=…,title=…`): as data, and `:` and `,`, which would end the value. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
