import { ui } from "../kernel/ui.ts";
import type { CheckResult, CheckStatus, GradeResult, GradingFailure } from "../kernel/result.ts";
import type { ClassEntry } from "./class-entry.ts";
import { checkExplanation, failureExplanation } from "./explanation.ts";
import { machineNumber } from "./machine-number.ts";
import { xmlAttribute, xmlText } from "./xml-text.ts";

interface Counts {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
}

/**
 * JUnit XML, the format GitHub and GitLab test reporters read: one <testsuite> per student, one
 * <testcase> per check with its points in the name (reporters show only names) and as properties. A
 * refused submission is one failing testcase, so the class report shows it instead of an empty suite.
 * A grader error is <error>, never <failure>: it is not the student's fault.
 */
export function renderJunit(entries: readonly ClassEntry[]): string {
  const suites = entries.map(suite);
  const total = sum(suites.map((rendered) => rendered.counts));
  const time = seconds(entries.reduce((ms, entry) => ms + entry.result.durationMs, 0));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="dockgrade"${countAttributes(total)} time="${time}">`,
    ...suites.flatMap((rendered) => rendered.lines),
    "</testsuites>",
    "",
  ].join("\n");
}

function suite({ student, result }: ClassEntry): { counts: Counts; lines: string[] } {
  const cases = [...(result.failure === undefined ? [] : [refusedCase(result, result.failure)]), ...result.checks.map((check) => checkCase(check, result))];
  const counts = sum(cases.map((rendered) => rendered.counts));
  const properties = [
    property("exercise", result.exercise.id),
    property("score", machineNumber(result.score)),
    property("maxScore", machineNumber(result.maxScore)),
    property("runId", result.runId),
  ];
  return {
    counts,
    lines: [
      `  <testsuite name="${xmlAttribute(student)}"${countAttributes(counts)} time="${seconds(result.durationMs)}" timestamp="${xmlAttribute(result.startedAt)}">`,
      "    <properties>",
      ...properties.map((line) => `      ${line}`),
      "    </properties>",
      ...cases.flatMap((rendered) => rendered.lines),
      "  </testsuite>",
    ],
  };
}

const OUTCOME: Readonly<Record<CheckStatus, keyof Omit<Counts, "tests"> | undefined>> = {
  passed: undefined,
  failed: "failures",
  error: "errors",
  skipped: "skipped",
};
const ELEMENT = { failures: "failure", errors: "error", skipped: "skipped" } as const;

function checkCase(check: CheckResult, result: GradeResult): { counts: Counts; lines: string[] } {
  const outcome = OUTCOME[check.status];
  const inner = [
    "      <properties>",
    `        ${property("points", machineNumber(check.points))}`,
    `        ${property("earned", machineNumber(check.earned))}`,
    "      </properties>",
  ];
  if (outcome !== undefined) {
    const body = outcome === "skipped" ? [check.message] : checkExplanation(check, result.lang);
    inner.push(outcomeElement(ELEMENT[outcome], check.message, check.status, body));
  }
  if (check.details !== undefined && check.details.trim() !== "") {
    inner.push(`      <system-out>${xmlText(check.details)}</system-out>`);
  }
  return {
    counts: { tests: 1, failures: 0, errors: 0, skipped: 0, ...(outcome === undefined ? {} : { [outcome]: 1 }) },
    lines: [
      testcaseOpen(result, `${check.title} [${machineNumber(check.earned)}/${machineNumber(check.points)} pts]`, check.durationMs),
      ...inner,
      "    </testcase>",
    ],
  };
}

function refusedCase(result: GradeResult, failure: GradingFailure): { counts: Counts; lines: string[] } {
  const title = ui(result.lang).failureTitle;
  return {
    counts: { tests: 1, failures: 1, errors: 0, skipped: 0 },
    lines: [
      testcaseOpen(result, `${title} [0/${machineNumber(result.maxScore)} pts]`, result.durationMs),
      outcomeElement("failure", failure.message, failure.code, failureExplanation(failure, result.lang)),
      "    </testcase>",
    ],
  };
}

function testcaseOpen(result: GradeResult, name: string, durationMs: number): string {
  return `    <testcase classname="${xmlAttribute(result.exercise.id)}" name="${xmlAttribute(name)}" time="${seconds(durationMs)}">`;
}

function outcomeElement(element: string, message: string, type: string, body: readonly string[]): string {
  return `      <${element} message="${xmlAttribute(message)}" type="${xmlAttribute(type)}">${xmlText(body.join("\n"))}</${element}>`;
}

function property(name: string, value: string): string {
  return `<property name="${xmlAttribute(name)}" value="${xmlAttribute(value)}"/>`;
}

function countAttributes(counts: Counts): string {
  return ` tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}"`;
}

function sum(all: readonly Counts[]): Counts {
  return all.reduce(
    (total, counts) => ({
      tests: total.tests + counts.tests,
      failures: total.failures + counts.failures,
      errors: total.errors + counts.errors,
      skipped: total.skipped + counts.skipped,
    }),
    { tests: 0, failures: 0, errors: 0, skipped: 0 },
  );
}

/** JUnit times are seconds with a dot. */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
