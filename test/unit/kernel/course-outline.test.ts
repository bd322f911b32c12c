import { describe, expect, it } from "vitest";
import { listExerciseIds, loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import type { CourseRef } from "../../../harness/kernel/check.ts";
import { COURSE, COURSE_CHAPTERS } from "../../../harness/kernel/course-outline.ts";
import { LINT_RULES } from "../../../harness/lint/rule-set.ts";

const SECTIONS: readonly (readonly [string, CourseRef])[] = Object.entries(COURSE).flatMap(([chapter, sections]) =>
  Object.entries(sections).map(([key, ref]) => [`${chapter}.${key}`, ref] as const),
);

/** The outline's section a reference is, by identity or by equal chapter and titles; undefined if none. */
function sectionOf(ref: CourseRef): string | undefined {
  return SECTIONS.find(
    ([, section]) => section === ref || (section.chapter === ref.chapter && section.section.fr === ref.section.fr && section.section.en === ref.section.en),
  )?.[0];
}

describe("the course outline", () => {
  it("has the outline's chapters 00 to 13 and annexes A to C, each titled in both languages", () => {
    const ids = [...Array.from({ length: 14 }, (_, index) => String(index).padStart(2, "0")), "A", "B", "C"];
    expect(Object.keys(COURSE_CHAPTERS).sort()).toStrictEqual(ids.sort());
    for (const title of Object.values(COURSE_CHAPTERS)) {
      expect(title.fr.trim()).not.toBe("");
      expect(title.en.trim()).not.toBe("");
    }
  });

  it("gives every section a chapter of the outline and a title in French and English", () => {
    for (const [key, ref] of SECTIONS) {
      expect(Object.keys(COURSE_CHAPTERS), key).toContain(ref.chapter);
      expect(ref.section.fr.trim(), key).not.toBe("");
      expect(ref.section.en.trim(), key).not.toBe("");
    }
  });

  it("keeps each chapter's sections under one group: a group's sections share their chapter", () => {
    for (const [group, sections] of Object.entries(COURSE)) {
      expect(new Set(Object.values(sections).map((ref) => ref.chapter)).size, group).toBe(1);
    }
  });

  it("names each section once: no two keys share a French title, nor an English one", () => {
    for (const lang of ["fr", "en"] as const) {
      const byTitle = new Map<string, string[]>();
      for (const [key, ref] of SECTIONS) byTitle.set(ref.section[lang], [...(byTitle.get(ref.section[lang]) ?? []), key]);
      expect(
        [...byTitle.values()].filter((keys) => keys.length > 1),
        lang,
      ).toStrictEqual([]);
    }
  });

  it("is where every check of every grader suite takes its course reference", async () => {
    const ids = await listExerciseIds();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const checks = (await loadGraderSuite(id))(await loadExercise(id));
      for (const check of checks) expect(sectionOf(check.course), `${id}: ${check.id} cites ${JSON.stringify(check.course)}`).toBeDefined();
    }
  });

  it("is where every lint rule takes its course reference", () => {
    for (const rule of LINT_RULES) expect(sectionOf(rule.course), `${rule.id} cites ${JSON.stringify(rule.course)}`).toBeDefined();
  });
});
