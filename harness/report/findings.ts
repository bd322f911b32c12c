import { createHash } from "node:crypto";
import { label, ui } from "../kernel/ui.ts";
import type { CheckResult, GradeResult, GradingFailure, RefusedSetting } from "../kernel/result.ts";
import { checkExplanation } from "./explanation.ts";
import { machineNumber } from "./machine-number.ts";
import { plainText } from "./plain-text.ts";

/** One graded submission and where it sits in the repository a pull request changes. */
export interface RepositorySubmission {
  readonly result: GradeResult;
  /** The submission's folder relative to the repository root, with `/`, e.g. `exercises/05-build/01-multi-stage/starter`. */
  readonly root: string;
  /** The file a finding without a place of its own belongs to (the Dockerfile, the Compose file), relative to `root`. */
  readonly mainFile?: string;
}

/**
 * One thing a code-review tool shows on the student's code: a failed check, a refused setting, a
 * submission that could not be graded, or a grader error (a warning: never the student's fault).
 * SARIF, GitLab Code Quality and GitHub annotations all render these, so they agree on what and where.
 */
export interface Finding {
  readonly exerciseId: string;
  /** Stable across runs: the check id, `policy/<rule>` or `ungradable/<code>`. */
  readonly ruleId: string;
  readonly title: string;
  /** Plain text, possibly on several lines; each format escapes it its own way. */
  readonly message: string;
  readonly severity: "error" | "warning";
  /** Relative to the repository root, with `/`; absent when nothing says which file. */
  readonly path?: string;
  readonly line?: number;
  /** A hash of what the finding is (exercise, rule, file, setting), never of its line: stable when lines move. */
  readonly fingerprint: string;
}

/** Every finding of the submissions, in their order, with fingerprints unique across all of them. */
export function findingsOf(submissions: readonly RepositorySubmission[]): Finding[] {
  const seen = new Map<string, number>();
  return submissions.flatMap(submissionFindings).map(({ identity, ...finding }) => {
    // Two findings that are the same thing (one setting refused twice) still need two fingerprints.
    const count = seen.get(identity) ?? 0;
    seen.set(identity, count + 1);
    return { ...finding, fingerprint: hash(count === 0 ? identity : `${identity}\u0000${count}`) };
  });
}

type Draft = Omit<Finding, "fingerprint"> & { readonly identity: string };

function submissionFindings(submission: RepositorySubmission): Draft[] {
  const { result } = submission;
  const failure = result.failure === undefined ? [] : failureFindings(submission, result.failure);
  return [...failure, ...result.checks.flatMap((check) => checkFinding(submission, check))];
}

function checkFinding(submission: RepositorySubmission, check: CheckResult): Draft[] {
  if (check.status !== "failed" && check.status !== "error") return [];
  const { result } = submission;
  const file = check.status === "failed" ? (check.location?.file ?? submission.mainFile) : undefined;
  const path = file === undefined ? undefined : repositoryPath(submission.root, file);
  const line = check.status === "failed" ? check.location?.line : undefined;
  return [
    {
      exerciseId: result.exercise.id,
      ruleId: check.id,
      title: plainText(`${result.exercise.id}: ${check.title} (${machineNumber(check.earned)}/${machineNumber(check.points)})`),
      message: checkExplanation(check, result.lang).join("\n"),
      severity: check.status === "failed" ? "error" : "warning",
      ...(path === undefined ? {} : { path }),
      ...(line === undefined ? {} : { line }),
      identity: [result.exercise.id, check.id, path ?? ""].join("\u0000"),
    },
  ];
}

function failureFindings(submission: RepositorySubmission, failure: GradingFailure): Draft[] {
  const { result } = submission;
  const hint = failure.hint.trim() === "" ? [] : [`${label(ui(result.lang).hint, result.lang)} ${failure.hint}`];
  const title = plainText(`${result.exercise.id}: ${ui(result.lang).failureTitle}`);
  if (failure.violations === undefined || failure.violations.length === 0) {
    return [
      {
        exerciseId: result.exercise.id,
        ruleId: `ungradable/${failure.code}`,
        title,
        message: plainText([failure.message, ...hint].join("\n")),
        severity: "error",
        identity: [result.exercise.id, failure.code].join("\u0000"),
      },
    ];
  }
  return failure.violations.map((refused: RefusedSetting) => {
    const path = repositoryPath(submission.root, refused.file);
    const cis = refused.cis === undefined ? "" : ` (CIS ${refused.cis})`;
    return {
      exerciseId: result.exercise.id,
      ruleId: `policy/${refused.rule}`,
      title,
      message: plainText([`${refused.setting} — ${refused.message}${cis}`, failure.message, ...hint].join("\n")),
      severity: "error" as const,
      path,
      ...(refused.line === undefined ? {} : { line: refused.line }),
      identity: [result.exercise.id, refused.rule, path, refused.setting].join("\u0000"),
    };
  });
}

/** `root/file` with `/`, without `./` or a doubled slash, as code-review tools match repository paths. */
export function repositoryPath(root: string, file: string): string {
  const parts = `${root}/${file}`.split(/[\\/]+/).filter((part) => part !== "" && part !== ".");
  return parts.join("/");
}

function hash(identity: string): string {
  return createHash("sha256").update(identity).digest("hex");
}
