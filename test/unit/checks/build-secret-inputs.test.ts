import { describe, expect, it } from "vitest";
import { hitSource, secretSource } from "../../../harness/checks/image/build-secret-lines.ts";
import { declaredBuildSecrets } from "../../../harness/checks/shared-setup/build-secrets.ts";
import type { ComposeModel, ComposeService } from "../../../harness/engine/compose-model.ts";
import { readFinalStage, type FinalStage } from "../../../harness/dockerfile/instruction-lines.ts";
import { buildInputOptions } from "../../../harness/engine/clients/buildx-builder.ts";
import { composeBuildPlan } from "../../../harness/engine/clients/compose-builder.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";

const INPUTS = { secrets: [{ id: "npm_token", file: "/tmp/dockgrade-secrets-x/secret-0" }], buildArgs: { NPM_TOKEN: "v4lue" } };

describe("build inputs", () => {
  it("become --secret with the file and --build-arg with the value, and no cache when there are secrets", () => {
    expect(buildInputOptions(INPUTS)).toEqual([
      "--no-cache",
      "--secret",
      "id=npm_token,src=/tmp/dockgrade-secrets-x/secret-0",
      "--build-arg",
      "NPM_TOKEN=v4lue",
    ]);
    expect(buildInputOptions({ buildArgs: { VERSION: "1" } })).toEqual(["--build-arg", "VERSION=1"]);
    expect(buildInputOptions({})).toEqual([]);
  });

  it("reach every Compose service's build, in place of the file's own secret of that id, after the file's args", () => {
    const model: ComposeModel = {
      name: "p",
      services: {
        web: { build: { context: "/sub/web", args: { NPM_TOKEN: "" }, secrets: [{ source: "npm_token" }, { source: "cert" }] } },
        worker: { build: { context: "/sub/worker" } },
      } as unknown as Record<string, ComposeService>,
      secrets: { npm_token: { file: "/sub/my-token.txt" }, cert: { file: "/sub/cert.pem" } },
    };
    const [web, worker] = composeBuildPlan(model, "p", INPUTS);
    expect(web?.options.join(" ")).not.toContain("/sub/my-token.txt");
    expect(web?.options.join(" ")).toContain("id=cert,src=/sub/cert.pem");
    expect(web?.options.slice(-5)).toEqual(buildInputOptions(INPUTS));
    expect(web?.options.indexOf("NPM_TOKEN=")).toBeLessThan(web?.options.indexOf("NPM_TOKEN=v4lue") ?? -1);
    expect(web?.notes).toEqual(["build secret npm_token is the grader's: its value is provided for this run"]);
    expect(worker?.options.slice(-5)).toEqual(buildInputOptions(INPUTS));
  });

  it("are declared by the exercise's build and its Compose section, each id once", () => {
    const exercise = {
      build: { dockerfile: "Dockerfile", context: ".", timeoutSeconds: 60, secrets: [{ id: "npm_token", buildArg: "NPM_TOKEN" }] },
      compose: {
        files: ["compose.yaml"],
        profiles: [],
        buildTimeoutSeconds: 60,
        startupTimeoutSeconds: 60,
        buildSecrets: [{ id: "npm_token" }, { id: "pip_token" }],
      },
    } as unknown as Exercise;
    expect(declaredBuildSecrets(exercise).map(({ id }) => id)).toEqual(["npm_token", "pip_token"]);
  });
});

describe("the Dockerfile line of a leak", () => {
  const stage = readFinalStage(
    [
      "FROM busybox:1.37",
      "ARG NPM_TOKEN",
      "ENV NPM_TOKEN=$NPM_TOKEN",
      "RUN --mount=type=secret,id=npm_token \\",
      "    cp /run/secrets/npm_token /src/token",
      "LABEL com.example.key=$NPM_TOKEN",
      "RUN echo done",
    ].join("\n"),
  ) as FinalStage;
  const secret = { id: "npm_token", buildArg: "NPM_TOKEN" };
  const lineOf = (hit: Parameters<typeof hitSource>[1]) => hitSource(stage, hit, secret)?.line;

  it("is the step that made the layer, its flags and continued lines aside", () => {
    expect(lineOf({ in: "layer", layer: 1, path: "src/token", createdBy: "RUN /bin/sh -c cp /run/secrets/npm_token /src/token # buildkit" })).toBe(4);
  });

  it("is the ENV or LABEL a config key comes from, and the RUN of a history entry", () => {
    expect(lineOf({ in: "config", key: "config.Env[1]", text: "NPM_TOKEN=v4lue" })).toBe(3);
    expect(lineOf({ in: "config", key: "config.Labels.com.example.key", text: "v4lue" })).toBe(6);
    expect(lineOf({ in: "config", key: "history[6].created_by", text: "RUN |1 NPM_TOKEN=v4lue /bin/sh -c echo done # buildkit" })).toBe(7);
  });

  it("is where the secret enters the Dockerfile when nothing else says", () => {
    expect(lineOf({ in: "archive", entry: "blobs/sha256/x" })).toBe(2);
    expect(secretSource(stage, { id: "npm_token" })?.line).toBe(4);
  });
});
