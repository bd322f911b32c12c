import { describe, expect, it } from "vitest";
import { changesOutside, overrideSettingStates, serviceChanges } from "../../../harness/checks/compose/override-diff.ts";
import { compareServices, productionProblems } from "../../../harness/checks/compose/profile-rules.ts";
import { model, ROOT } from "./models.ts";

const BASE = model({
  app: { build: { context: `${ROOT}/app` }, environment: { LOG_LEVEL: "info", DB_URL: "http://db:5432" } },
  db: { build: { context: `${ROOT}/db` } },
  admin: { build: { context: `${ROOT}/admin` }, profiles: ["dev"] },
});
const DEV = model({
  app: {
    build: { context: `${ROOT}/app` },
    environment: { DB_URL: "http://db:5432", LOG_LEVEL: "debug" },
    volumes: [{ type: "bind", source: `${ROOT}/app/site`, target: "/srv/www", read_only: true }],
  },
  db: { build: { context: `${ROOT}/db` } },
  admin: { build: { context: `${ROOT}/admin` }, profiles: ["dev"] },
});

describe("profiles and production", () => {
  it("compares a resolution's services with the expected set", () => {
    expect(compareServices(BASE, ["app", "db"])).toEqual({ missing: [], extra: ["admin"] });
    expect(compareServices(BASE, ["admin", "app", "cache", "db"])).toEqual({ missing: ["cache"], extra: [] });
  });

  it("finds development settings in the production resolution, one criterion per family", () => {
    const rules = { services: ["app", "db"], forbidBindMounts: true, environment: { app: { LOG_LEVEL: "info" } } };
    expect(productionProblems(model({ app: { environment: { LOG_LEVEL: "info" } }, db: {} }), rules)).toEqual({ problems: [], criteria: 3, failedCriteria: 0 });
    const leaky = productionProblems(DEV, rules);
    expect(leaky.problems).toEqual([
      { kind: "services", missing: [], extra: ["admin"] },
      { kind: "bind-mount", service: "app", source: `${ROOT}/app/site`, target: "/srv/www" },
      { kind: "environment", service: "app", key: "LOG_LEVEL", expected: "info", actual: "debug" },
    ]);
    expect(leaky.failedCriteria).toBe(3);
  });
});

describe("override diff", () => {
  it("lists changed fields per service, whatever the key order", () => {
    expect(serviceChanges(BASE, DEV)).toEqual([
      { service: "app", field: "environment" },
      { service: "app", field: "volumes" },
    ]);
    expect(serviceChanges(BASE, model({ ...BASE.services, extra: {} }))).toEqual([{ service: "extra", field: "(added)" }]);
    expect(serviceChanges(BASE, BASE)).toEqual([]);
  });

  it("keeps only the changes outside what the override may touch", () => {
    const changes = [...serviceChanges(BASE, DEV), { service: "db", field: "image" }];
    expect(changesOutside(changes, { app: ["environment", "volumes", "ports"] })).toEqual([{ service: "db", field: "image" }]);
  });

  it("wants each development setting in the override only", () => {
    const settings = [{ service: "app", environment: { LOG_LEVEL: "debug" }, binds: [{ source: "app/site", target: "/srv/www" }] }];
    expect(overrideSettingStates(BASE, DEV, settings, ROOT).map((result) => result.state)).toEqual(["override-only", "override-only"]);
    expect(overrideSettingStates(DEV, DEV, settings, ROOT).map((result) => result.state)).toEqual(["also-in-base", "also-in-base"]);
    expect(overrideSettingStates(BASE, BASE, settings, ROOT).map((result) => result.state)).toEqual(["missing", "missing"]);
  });
});
