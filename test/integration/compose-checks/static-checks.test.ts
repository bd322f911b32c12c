import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFileCheck } from "../../../harness/checks/compose/env-file-check.ts";
import { overrideScopeCheck, overrideSettingsCheck } from "../../../harness/checks/compose/override-checks.ts";
import { productionDefaultCheck, profilesCheck } from "../../../harness/checks/compose/profile-checks.ts";
import { noSecretsInEnvironmentCheck, secretsFromFilesCheck } from "../../../harness/checks/compose/secret-checks.ts";
import { composeValidCheck } from "../../../harness/checks/compose/stack-checks.ts";
import type { Check } from "../../../harness/checks/check.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { leftovers } from "../../support/leftovers.ts";
import { composeExercise, ProjectDirs } from "../../support/compose-projects.ts";

/** Checks that only resolve the project (`docker compose config`), under other files, profiles or a probe copy. */
const projects = new ProjectDirs();
let engine: Engine;
beforeAll(async () => {
  engine = await connect();
});
afterAll(() => projects.cleanUp());

async function grade(files: Record<string, string>, checks: Check[], compose: { files?: string[]; profiles?: string[] } = {}): Promise<GradeResult> {
  const dir = await projects.create(files);
  const result = await gradeSubmission({
    engine,
    exercise: composeExercise(dir, compose),
    suite: () => [composeValidCheck(), ...checks],
    submissionPath: dir,
    lang: "en",
  });
  expect(result.checks.filter((check) => check.status === "error")).toEqual([]);
  expect(await leftovers(engine, result.runId)).toEqual([]);
  return result;
}

const byId = (result: GradeResult, id: string) => result.checks.find((check) => check.id === id);

describe("static Compose checks through docker compose config", () => {
  it("tells settings read from the env file from shadowed and missing ones", { timeout: 60_000 }, async () => {
    const result = await grade(
      {
        "compose.yaml":
          "services:\n  api:\n    image: busybox:1.37\n    env_file: [api.env]\n    environment:\n      LOG_LEVEL: debug\n  other:\n    image: busybox:1.37\n",
        "api.env": "DB_HOST=db\nLOG_LEVEL=info\n",
      },
      [
        envFileCheck({ service: "api", file: "api.env", keys: ["DB_HOST", "LOG_LEVEL", "DB_PORT"] }),
        { ...envFileCheck({ service: "other", file: "api.env", keys: ["DB_HOST"] }), id: "env-file-other" },
      ],
    );
    const api = byId(result, "env-file");
    expect(api?.status).toBe("failed");
    expect(api?.earned).toBeCloseTo((api?.points ?? 0) / 3);
    expect(api?.actual).toBe("DB_HOST: from-file\nLOG_LEVEL: overridden\nDB_PORT: not-in-file");
    expect(byId(result, "env-file-other")?.actual).toBe("DB_HOST: file-not-used");
  });

  it("sees through .env: interpolated passwords and COMPOSE_PROFILES in a bare docker compose up", { timeout: 60_000 }, async () => {
    const result = await grade(
      {
        "compose.yaml":
          "services:\n  app:\n    image: busybox:1.37\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n  tool:\n    image: busybox:1.37\n    profiles: [dev]\n",
        "compose.override.yaml": "services:\n  app:\n    volumes: ['./src:/src:ro']\n",
        ".env": "DB_PASSWORD=hunter2-hunter2\nCOMPOSE_PROFILES=dev\n",
      },
      [
        secretsFromFilesCheck({ secrets: [{ name: "db_password", services: ["app"] }] }),
        noSecretsInEnvironmentCheck(),
        profilesCheck({ expectations: [{ files: ["compose.yaml"], profiles: ["dev"], services: ["app", "tool"] }] }),
        productionDefaultCheck({ services: ["app"], forbidBindMounts: true }),
      ],
    );
    expect(byId(result, "secrets-files")?.earned).toBe(0);
    expect(byId(result, "no-secrets-in-env")?.message).toContain("services.app.environment: DB_PASSWORD=hun…(15 chars)");
    expect(byId(result, "profiles")?.status).toBe("passed");
    const production = byId(result, "prod-default");
    expect(production?.message).toBe(
      "In production, the services differ from what is expected (+tool).\nIn production, app bind-mounts a host folder: ./src:/src.",
    );
    expect(production?.earned).toBe(0);
  });

  it("compares the base file with the override: settings brought, and changes beyond them", { timeout: 60_000 }, async () => {
    const result = await grade(
      {
        "compose.yaml": "services:\n  app:\n    image: busybox:1.37\n    environment: { LOG_LEVEL: info }\n  db:\n    image: busybox:1.37\n",
        "compose.dev.yaml": "services:\n  app:\n    environment: { LOG_LEVEL: debug }\n  db:\n    image: busybox:1.37\n    command: ['sleep', '1']\n",
      },
      [
        overrideSettingsCheck({
          baseFiles: ["compose.yaml"],
          settings: [{ service: "app", environment: { LOG_LEVEL: "debug" }, binds: [{ source: "site", target: "/srv/www" }] }],
        }),
        {
          ...overrideSettingsCheck({ baseFiles: ["compose.yaml"], settings: [{ service: "app", environment: { LOG_LEVEL: "debug" } }] }),
          id: "override-env-only",
        },
        { ...overrideScopeCheck({ baseFiles: ["compose.yaml"], allowed: { app: ["environment"] } }), needs: ["override-env-only"] },
      ],
      { files: ["compose.yaml", "compose.dev.yaml"] },
    );
    const settings = byId(result, "override-dev-settings");
    expect(settings?.earned).toBeCloseTo((settings?.points ?? 0) / 2);
    expect(settings?.message).toBe("Missing even with the development file: app.volumes: ./site:/srv/www.");
    expect(byId(result, "override-env-only")?.status).toBe("passed");
    expect(byId(result, "override-scope")?.message).toBe("The development file also changes: db.command.");
  });
});
