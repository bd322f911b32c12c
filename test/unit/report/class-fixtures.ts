import type { GradeResult } from "../../../harness/kernel/result.ts";
import type { ClassEntry } from "../../../harness/report/class-entry.ts";
import { checkResult, gradeResult, sampleResult } from "./fixtures.ts";

/** Strings a submission or a roster can carry that break a format which forgets to escape them. */
export const HOSTILE_STRINGS = [
  `"double" 'single'`,
  "line one\nline two\r\nline three",
  "]]> <![CDATA[",
  "<script>alert(1)</script>",
  "=cmd|' /C calc'!A0",
  "+1+cmd",
  "@SUM(A1)",
  "-2+3",
  "nul\u0000byte",
  "esc\u001b[31mred\u001b[0m \u001b]0;title\u0007",
  "lone surrogate \ud800 here",
  "🐳 Docker",
  "Élève à l’école, ça marche",
  "pipe | cell | break",
  "**bold** _em_ [link](http://x) `code` @octocat #1",
] as const;

export const HOSTILE = HOSTILE_STRINGS.join(" ~ ");

/** Every check string and the student name hostile, in one submission. */
export function hostileEntry(): ClassEntry {
  const result = gradeResult({
    checks: HOSTILE_STRINGS.map((value, index) =>
      checkResult({
        id: `check-${index}`,
        title: value,
        status: index % 2 === 0 ? "failed" : "passed",
        earned: index % 2 === 0 ? 0 : 2,
        message: value,
        hint: value,
        expected: value,
        actual: value,
        details: value,
      }),
    ),
  });
  return { student: HOSTILE, result, id: "=1+1", email: "@evil" };
}

export function refusedResult(): GradeResult {
  return gradeResult({
    checks: [],
    score: 0,
    maxScore: 12,
    failure: {
      code: "policy-refused",
      message: "Ce rendu demande des droits que la correction refuse.",
      hint: "Retirez ces réglages.",
      violations: [
        { rule: "privileged", file: "compose.yaml", line: 7, setting: "services.web.privileged: true", message: "Le mode privilégié est refusé.", cis: "5.4" },
        {
          rule: "bind-outside",
          file: "compose.yaml",
          line: 12,
          setting: "/var/run/docker.sock:/var/run/docker.sock",
          message: "Le socket du moteur est refusé.",
        },
      ],
    },
  });
}

/** A class as a batch would grade it: a French and an English result, a refused one, a hostile one. */
export function sampleClass(): ClassEntry[] {
  return [
    { student: "alice", result: sampleResult("fr"), id: "20250001", email: "alice@example.edu" },
    { student: "bob", result: sampleResult("en"), email: "bob@example.edu" },
    { student: "chloé", result: refusedResult(), id: "20250003" },
    hostileEntry(),
  ];
}

/** Ten one-point checks, the first one the build: the first `passed` pass, so the score is `passed`/10. */
export function scoredEntry(student: string, passed: number, overrides: Partial<ClassEntry> = {}): ClassEntry {
  const checks = Array.from({ length: 10 }, (_, index) =>
    checkResult({
      id: index === 0 ? "image-build" : `check-${index}`,
      title: index === 0 ? "L’image se construit" : `Vérification ${index}`,
      points: 1,
      earned: index < passed ? 1 : 0,
      status: index < passed ? "passed" : "failed",
      durationMs: index === 0 ? 1_000 * (passed + 1) : 50,
    }),
  );
  return { student, result: gradeResult({ checks, durationMs: 10_000 + 1_000 * passed }), ...overrides };
}

/** `count` students with scores spread over every bin, for the size and the statistics of a real class. */
export function syntheticClass(count: number): ClassEntry[] {
  return Array.from({ length: count }, (_, index) =>
    scoredEntry(`student-${String(index).padStart(4, "0")}`, index % 11, { id: `2025${String(index).padStart(4, "0")}`, late: index % 7 === 0 }),
  );
}

/** Every string of a class set to markup that would run if the dashboard forgot to escape it. */
export function markupClass(markup: string): ClassEntry[] {
  const graded: ClassEntry = {
    student: markup,
    id: markup,
    email: markup,
    submittedAt: "2025-06-03T12:00:00.000Z",
    late: true,
    result: gradeResult({
      exercise: { id: markup, title: markup, chapter: markup },
      checks: [
        checkResult({ id: `build ${markup}`, title: markup, status: "failed", earned: 0, message: markup }),
        checkResult({ id: markup, title: markup, status: "error", earned: 0, message: markup }),
      ],
    }),
  };
  const refused: ClassEntry = { student: `${markup} 2`, result: gradeResult({ checks: [], failure: { code: markup, message: markup, hint: markup } }) };
  return [graded, refused];
}
