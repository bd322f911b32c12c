import { describe, expect, it } from "vitest";
import { dependencyState, healthcheckState, missingServices } from "../../../harness/checks/compose/service-rules.ts";
import { GOOD_STACK, model } from "./models.ts";

describe("service rules over the resolved model", () => {
  it("names the services that are missing", () => {
    expect(missingServices(GOOD_STACK, ["web", "api", "db"])).toEqual([]);
    expect(missingServices(GOOD_STACK, ["web", "cache"])).toEqual(["cache"]);
  });

  it("tells a declared healthcheck from an absent or switched-off one", () => {
    const stack = model({
      good: { healthcheck: { test: ["CMD-SHELL", "wget -q http://x"] } },
      none: {},
      off: { healthcheck: { disable: true } },
      nonetest: { healthcheck: { test: ["NONE"] } },
      timingOnly: { healthcheck: { interval: "2s" } },
    });
    expect(["good", "none", "off", "nonetest", "timingOnly", "ghost"].map((name) => healthcheckState(stack.services[name]))).toEqual([
      "declared",
      "absent",
      "disabled",
      "disabled",
      "absent",
      "no-service",
    ]);
  });

  it("requires the long depends_on form with condition service_healthy", () => {
    const stack = model({
      db: {},
      api: { depends_on: { db: { condition: "service_started" } } },
      web: {},
    });
    expect(dependencyState(GOOD_STACK, { dependent: "api", dependency: "db" })).toEqual({ state: "healthy" });
    expect(dependencyState(stack, { dependent: "api", dependency: "db" })).toEqual({ state: "other-condition", condition: "service_started" });
    expect(dependencyState(stack, { dependent: "web", dependency: "api" })).toEqual({ state: "absent" });
    expect(dependencyState(stack, { dependent: "web", dependency: "cache" })).toEqual({ state: "no-service", service: "cache" });
  });
});
