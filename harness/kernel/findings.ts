import { textsOf, type Finding, type ImageAnalysis } from "./result.ts";
import { localize, text, type Lang, type Text } from "./text.ts";
import type { CourseRef } from "./check.ts";
import { byCodeUnits } from "./code-unit-order.ts";

/** A finding as a check or the lint pass writes it: the message in both languages, the course as a reference. */
export type FindingInput = Omit<Finding, "message" | "course"> & { readonly message: Text; readonly course?: CourseRef };

/**
 * What a grading run noticed beyond its checks' verdicts, gathered as checks and passes report it
 * (checks may run at once: appending is all they do) and turned into the result: its sentences in
 * `lang`, beside their `texts` in every language.
 */
export class RunFindings {
  private readonly findings: FindingInput[] = [];
  private readonly images = new Map<string, ImageAnalysis>();

  add(...findings: readonly FindingInput[]): void {
    this.findings.push(...findings);
  }

  /** One analysis per image name: a second report of the same image (two checks reading it) replaces the first. */
  addImage(analysis: ImageAnalysis): void {
    this.images.set(analysis.name, analysis);
  }

  /** In a stable order (file, line, column, rule), so the same submission gives the same result bytes. */
  localized(lang: Lang): { findings: Finding[]; images: ImageAnalysis[] } {
    const findings = this.findings
      .map(({ message, course, ...rest }): Finding => {
        const section = course === undefined ? undefined : text(`${course.chapter} — ${course.section.fr}`, `${course.chapter} — ${course.section.en}`);
        return {
          ...rest,
          message: localize(message, lang),
          ...(section === undefined ? {} : { course: localize(section, lang) }),
          texts: textsOf({ message, ...(section === undefined ? {} : { course: section }) }),
        };
      })
      .sort(
        (a, b) =>
          byCodeUnits(a.file, b.file) ||
          (a.line ?? 0) - (b.line ?? 0) ||
          (a.column ?? 0) - (b.column ?? 0) ||
          byCodeUnits(a.rule, b.rule) ||
          byCodeUnits(a.path ?? "", b.path ?? ""),
      );
    return { findings, images: [...this.images.values()].sort((a, b) => byCodeUnits(a.name, b.name)) };
  }
}
