import { readFile } from "node:fs/promises";
import { atLeast, lintDockerfile } from "../../lint/lint.ts";
import { text, type Lang } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { dockerfileLines } from "../shared-setup/dockerfile-lines.ts";

export interface LintCheckOptions extends CheckOverrides {
  /** The least severe finding that costs the points: `warning` also fails on errors. */
  readonly failOn?: "error" | "warning";
}

/**
 * The exercise's Dockerfile passes the course's lint rules at `failOn` or worse. Read from the
 * file, so it is graded even when the build fails. The findings themselves are already in the
 * result: the grading run lints every Dockerfile it builds, so this check only judges them.
 */
export function dockerfileLintCheck(options: LintCheckOptions = {}) {
  const failOn = options.failOn ?? "error";
  const threshold = failOn === "error" ? text("erreur", "error") : text("avertissement ou erreur", "warning or error");
  return defineCheck(
    {
      id: "dockerfile-lint",
      title: text(`Dockerfile sans ${threshold.fr} de lint`, `Dockerfile without lint ${threshold.en}`),
      points: 1,
      needs: [],
      course: COURSE.build.instructions,
      hint: text(
        "Chaque remarque du lint donne la ligne à changer et la règle du cours qu'elle applique (le rapport les détaille) ; corrigez-les de haut en bas.",
        "Each lint remark gives the line to change and the course rule it applies (the report explains each); fix them from top to bottom.",
      ),
      async run(ctx) {
        const lines = await ctx.use(dockerfileLines);
        if (!ctx.submission.dockerfile || !lines) throw new Error(`exercise ${ctx.exercise.id} has no Dockerfile to lint`);
        const findings = lintDockerfile(await readFile(ctx.submission.dockerfile, "utf8"), lines.file);
        // In file order: the first is where the annotation goes.
        const blocking = findings
          .filter((finding) => atLeast(finding.severity, failOn))
          .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
        if (blocking.length === 0) {
          const others = findings.length;
          return passed(text(`Aucune ${threshold.fr} (${others} remarque(s) moins graves).`, `No ${threshold.en} (${others} less severe remark(s)).`));
        }
        const listing = (lang: Lang) =>
          blocking.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule} ${finding.message[lang]}`).join("\n");
        const [first] = blocking;
        return failed(
          text(`${blocking.length} remarque(s) de lint bloquante(s) :\n${listing("fr")}`, `${blocking.length} blocking lint remark(s):\n${listing("en")}`),
          {
            expected: `0 ${threshold.en}`,
            actual: blocking.map((finding) => finding.rule).join(", "),
            location: { file: lines.file, ...(first?.line === undefined ? {} : { line: first.line }) },
          },
        );
      },
    },
    options,
  );
}
