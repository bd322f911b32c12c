import { describe, expect, it } from "vitest";
import type { ComposeModel } from "../../../harness/compose/compose-model.ts";
import { pathsOutside } from "../../../harness/compose/label-override.ts";

const root = "/home/student/tp";

describe("host paths outside the submission", () => {
  it("accepts paths inside the submission", () => {
    const model: ComposeModel = {
      name: "p",
      services: {
        app: {
          build: { context: root },
          env_file: [{ path: `${root}/app.env` }],
          volumes: [{ type: "bind", source: `${root}/data`, target: "/data" }, { type: "volume", source: "db", target: "/db" }],
        },
      },
      secrets: { pw: { file: `${root}/secrets/pw.txt` } },
    };
    expect(pathsOutside(model, root)).toEqual([]);
  });

  it("names every way out: binds, env files, build contexts, secrets, configs, variables, remote contexts", () => {
    const model: ComposeModel = {
      name: "p",
      services: {
        app: {
          build: { context: "https://github.com/x/y.git" },
          env_file: ["/etc/os-release"],
          volumes: [{ type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker.sock" }, { type: "bind", source: `${root}-other/x`, target: "/x" }],
        },
        web: { build: { context: "${HOME}/src" } },
      },
      secrets: { shadow: { file: "/etc/shadow" } },
      configs: { host: { file: "/etc/hostname" } },
    };
    expect(pathsOutside(model, root)).toEqual([
      "app: /var/run/docker.sock:/var/run/docker.sock",
      `app: ${root}-other/x:/x`,
      "app: env_file /etc/os-release",
      "app: build context https://github.com/x/y.git",
      "web: build context ${HOME}/src",
      "secret shadow: /etc/shadow",
      "config host: /etc/hostname",
    ]);
  });
});
