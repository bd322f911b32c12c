import { describe, expect, it } from "vitest";
import { composeEnvironment, maskedComposeEnvironment } from "../../../harness/engine/clients/compose-invocation.ts";

const GRADER = {
  PATH: "/usr/bin:/bin",
  HOME: "/home/grader",
  DOCKER_HOST: "unix:///var/run/docker.sock",
  COMPOSE_FILE: "elsewhere.yaml",
  COMPOSE_PROFILES: "debug",
  COMPOSE_PROJECT_NAME: "someone-else",
  COMPOSE_PARALLEL_LIMIT: "4",
  GITHUB_TOKEN: "ghp_secret",
};
const PROJECT = { projectName: "dockgrade-abc", files: ["compose.yaml"], profiles: ["dev"] };

describe("the environment docker compose runs with", () => {
  it("passes only what the CLI needs, and states the project's own profiles and name", () => {
    expect(composeEnvironment(PROJECT, GRADER)).toEqual({
      PATH: "/usr/bin:/bin",
      HOME: "/home/grader",
      DOCKER_HOST: "unix:///var/run/docker.sock",
      COMPOSE_PROJECT_NAME: "dockgrade-abc",
      COMPOSE_PROFILES: "dev",
    });
  });

  it("states an empty profile list, so a COMPOSE_PROFILES in the submission's .env switches nothing on", () => {
    expect(composeEnvironment({ ...PROJECT, profiles: [] }, GRADER)["COMPOSE_PROFILES"]).toBe("");
  });

  it("leaves profiles to the submission's .env when asked what a bare `docker compose up` does (default files)", () => {
    expect(composeEnvironment({ ...PROJECT, files: [], profiles: [] }, GRADER)).not.toHaveProperty("COMPOSE_PROFILES");
  });

  it("blanks every other variable for a launcher that starts from the whole environment", () => {
    const masked = maskedComposeEnvironment(PROJECT, GRADER);
    expect(masked["GITHUB_TOKEN"]).toBe("");
    expect(masked["COMPOSE_FILE"]).toBe("");
    expect(masked["COMPOSE_PROFILES"]).toBe("dev");
    expect(masked["COMPOSE_PROJECT_NAME"]).toBe("dockgrade-abc");
    expect(masked["DOCKER_HOST"]).toBe("unix:///var/run/docker.sock");
    // Compose refuses to start with an empty COMPOSE_PARALLEL_LIMIT: the grader's own value stays.
    expect(masked["COMPOSE_PARALLEL_LIMIT"]).toBeUndefined();
  });
});
