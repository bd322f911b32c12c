import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UngradableSubmissionError } from "../../../harness/kernel/errors.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { loadSubmission } from "../../../harness/submission/load-submission.ts";

const exercise: Exercise = {
  id: "05-build/01-test",
  dir: "/nowhere",
  title: { fr: "t", en: "t" },
  chapter: "05",
  submission: { required: ["Dockerfile", "src/app.c"] },
  baseImages: [],
  policy: { allow: [], capAdd: [] },
  build: { dockerfile: "Dockerfile", context: ".", timeoutSeconds: 60 },
};

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "dockgrade-sub-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function ungradable(path: string): Promise<UngradableSubmissionError> {
  const error = await loadSubmission(path, exercise).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UngradableSubmissionError);
  return error as UngradableSubmissionError;
}

describe("submission loading", () => {
  it("resolves the expected files inside the folder", async () => {
    const root = folder({ Dockerfile: "FROM busybox:1.37\n", "src/app.c": "int main(){}" });
    const submission = await loadSubmission(root, exercise);
    expect([...submission.files.keys()]).toEqual(["Dockerfile", "src/app.c"]);
    expect(submission.dockerfile).toBe(join(submission.root, "Dockerfile"));
  });

  it("lists every missing file at once", async () => {
    const error = await ungradable(folder({ "README.md": "" }));
    expect(error.code).toBe("missing-file");
    expect(error.message).toContain("Dockerfile, src/app.c");
  });

  it("refuses a Dockerfile symlinked outside the submission", async () => {
    const root = folder({ "src/app.c": "" });
    symlinkSync("/etc/passwd", join(root, "Dockerfile"));
    const error = await ungradable(root);
    expect(error.code).toBe("outside-submission");
    expect(error.message).toContain("/etc/passwd");
  });

  it("refuses a nested link that climbs out, even a dangling one", async () => {
    const root = folder({ Dockerfile: "", "src/app.c": "" });
    symlinkSync("../../../../nonexistent", join(root, "src", "escape"));
    expect((await ungradable(root)).code).toBe("outside-submission");
  });

  it("accepts links that stay inside", async () => {
    const root = folder({ "Dockerfile.real": "FROM busybox:1.37\n", "src/app.c": "" });
    symlinkSync("Dockerfile.real", join(root, "Dockerfile"));
    await expect(loadSubmission(root, exercise)).resolves.toBeDefined();
  });

  it("refuses a directory where a file is expected", async () => {
    const root = folder({ "Dockerfile/x": "", "src/app.c": "" });
    expect((await ungradable(root)).code).toBe("not-a-file");
  });
});
