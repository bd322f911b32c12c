import { mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckContext, FixtureContext } from "../../../harness/checks/context.ts";
import { dockerfileLintCheck } from "../../../harness/checks/image/lint-check.ts";
import { readSubmissionDockerfile } from "../../../harness/submission/submission-dockerfile.ts";

let root: string;

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), "dockgrade-lint-check-")));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The check reads only the submission's Dockerfile: a context with just that, as the preflight read it (the engine is never asked). */
async function judge(lines: readonly string[], failOn?: "error" | "warning") {
  const dockerfile = join(root, "Dockerfile");
  await writeFile(dockerfile, lines.join("\n"));
  const submission = { root, files: new Map(), dockerfile };
  const preflight = { submission, builds: [], dockerfile: await readSubmissionDockerfile(root, dockerfile) };
  const ctx = { exercise: { id: "05-build/01-multi-stage" }, submission, preflight } as unknown as CheckContext;
  const withFixtures = { ...ctx, use: (fixture) => fixture.setUp(withFixtures as unknown as FixtureContext) } as CheckContext;
  return dockerfileLintCheck(failOn === undefined ? {} : { failOn }).run(withFixtures);
}

const WARNED = ["FROM busybox:1.37", "USER 10001", 'HEALTHCHECK CMD ["true"]', "CMD /app"];

describe("dockerfileLintCheck", () => {
  it("fails on an error, at its line, listing each blocking finding in both languages", async () => {
    const verdict = await judge(["FROM busybox:1.37", "ENV A=1", "ENV DB_PASSWORD=hunter22", "WORKDIR app", ...WARNED.slice(1)]);
    expect(verdict).toMatchObject({ outcome: "failed", actual: "DG3050, DG3022", location: { file: "Dockerfile", line: 3 } });
    expect(verdict.message.en).toContain("Dockerfile:4:1 DG3022");
    expect(verdict.message.fr).toContain("est relatif");
  });

  it("passes on warnings by default, and fails on them with failOn: warning", async () => {
    expect(await judge(WARNED)).toMatchObject({ outcome: "passed" });
    expect(await judge(WARNED, "warning")).toMatchObject({ outcome: "failed", actual: "DG3021", location: { file: "Dockerfile", line: 4 } });
  });

  it("is a record with its id and the points given", () => {
    expect(dockerfileLintCheck({ points: 3, failOn: "warning" })).toMatchObject({ id: "dockerfile-lint", points: 3, needs: [] });
  });
});
