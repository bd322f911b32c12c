import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { listExerciseIds } from "../../../harness/exercise/exercise-catalog.ts";
import { lintSubmissionDockerfiles } from "../../../harness/lint/submission-dockerfiles.ts";
import type { PreflightPlan } from "../../../harness/preflight/preflight-plan.ts";

const EXERCISE = "06-compose/01-web-api-db";
const SERVICES = ["api", "db", "web"];

/** The lint pass on a plan of the three services' Dockerfiles, as the preflight would have read them (no engine: the plan is written here). */
async function lintServices(sources: Readonly<Record<string, string>>) {
  const exercise = await loadExercise(EXERCISE);
  const builds = Object.entries(sources).map(([service, source]) => {
    const bytes = new TextEncoder().encode(source);
    const file = `${service}/Dockerfile`;
    return {
      service,
      dockerfile: { path: join("/submission", file), file, regular: true, size: bytes.length, bytes },
      context: join("/submission", service),
      args: {},
    };
  });
  const plan = { submission: { root: "/submission", files: new Map() }, builds } as unknown as PreflightPlan;
  return (await lintSubmissionDockerfiles(plan, exercise)).map((finding) => `${finding.file}:${finding.line} ${finding.rule} ${finding.severity}`);
}

function starterCopy(service: string): string {
  return readFileSync(join("exercises", EXERCISE, "starter", service, "Dockerfile"), "utf8");
}

describe("the Dockerfiles an exercise provides", () => {
  it("are not linted against the student while they are the starter's copy, and the result says so, in both languages", async () => {
    const sources = Object.fromEntries(SERVICES.map((service) => [service, starterCopy(service)]));
    expect(await lintServices(sources)).toStrictEqual(["api/Dockerfile:1 DG3091 info", "db/Dockerfile:1 DG3091 info", "web/Dockerfile:1 DG3091 info"]);
    // Line endings a checkout on Windows changes are not a change.
    expect(await lintServices({ api: starterCopy("api").replace(/\n/g, "\r\n") })).toStrictEqual(["api/Dockerfile:1 DG3091 info"]);
  });

  it("are linted as the student's once changed, with a warning that the statement says not to touch them", async () => {
    const changed = `${starterCopy("api")}\nWORKDIR app\n`;
    const found = await lintServices({ api: changed, db: starterCopy("db") });
    expect(found).toEqual(expect.arrayContaining(["api/Dockerfile:1 DG3092 warning", "db/Dockerfile:1 DG3091 info"]));
    expect(found.filter((entry) => entry.startsWith("api/") && entry.includes("DG3022"))).toHaveLength(1);
  });

  it("name rules a pragma may name: `# dockgrade global ignore=DG3092` silences the warning, and is no unknown code", async () => {
    const changed = `# dockgrade global ignore=DG3092\n${starterCopy("api")}`;
    const found = await lintServices({ api: changed });
    expect(found.filter((entry) => /DG309[02]/.test(entry))).toStrictEqual([]);
    expect(await lintServices({ api: `# hadolint global ignore=DG3091\n${starterCopy("api")}` })).toContain("api/Dockerfile:1 DG3090 warning");
  });

  it("exist in the starter of every exercise that declares them", async () => {
    for (const id of await listExerciseIds()) {
      const exercise = await loadExercise(id);
      for (const file of exercise.submission.provided ?? []) expect(() => readFileSync(join(exercise.dir, "starter", file)), `${id}: ${file}`).not.toThrow();
    }
    expect((await loadExercise(EXERCISE)).submission.provided).toStrictEqual(["api/Dockerfile", "db/Dockerfile", "web/Dockerfile"]);
  });
});
