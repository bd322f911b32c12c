import { readFile } from "node:fs/promises";
import { parseImageReference, readFromLines } from "../../dockerfile/from-lines.ts";
import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { dockerfileLines } from "../shared-setup/dockerfile-lines.ts";

/** Read from the Dockerfile itself, so it is graded even when the build fails. */
export function basePinnedCheck(overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "base-pinned",
      title: text("Images de base épinglées (ni `latest`, ni sans tag)", "Base images pinned (no `latest`, no missing tag)"),
      points: 1,
      needs: [],
      concurrent: true,
      course: COURSE.build.dockerignorePinningNonRootUser,
      hint: text(
        "Donnez à chaque FROM un tag précis (`debian:12-slim`, `busybox:1.37`), voire un digest `@sha256:…` : `latest` change sans prévenir et rend la construction non reproductible.",
        "Give every FROM an exact tag (`debian:12-slim`, `busybox:1.37`), or even a `@sha256:…` digest: `latest` changes without notice and makes the build irreproducible.",
      ),
      async run(ctx) {
        const lines = await ctx.use(dockerfileLines);
        if (!ctx.submission.dockerfile || !lines) throw new Error(`exercise ${ctx.exercise.id} has no Dockerfile to read`);
        const froms = readFromLines(await readFile(ctx.submission.dockerfile, "utf8")).filter((from) => !from.internal);
        const unpinned = froms.filter((from) => {
          if (from.resolved === undefined) return true;
          const { tag, digest } = parseImageReference(from.resolved);
          return !digest && (!tag || tag === "latest");
        });
        if (froms.length === 0) return passed(text("Aucune image externe.", "No external image."));
        if (unpinned.length === 0) {
          const refs = froms.map((from) => from.resolved).join(", ");
          return passed(text(`Épinglées : ${refs}.`, `Pinned: ${refs}.`));
        }
        const listing = unpinned.map((from) => `${lines.file}:${from.line} FROM ${from.written}`).join("\n");
        return failed(text(`Image non épinglée :\n${listing}`, `Unpinned image:\n${listing}`), {
          expected: "FROM image:tag (≠ latest) | FROM image@sha256:…",
          actual: unpinned.map((from) => from.written).join(", "),
          // The first of them: an annotation marks one line, the message lists every one.
          location: { file: lines.file, line: unpinned[0]!.line },
        });
      },
    },
    overrides,
  );
}
