import { describe, expect, it } from "vitest";
import type { ComposeModel, ComposeService } from "../../../harness/engine/compose-model.ts";
import { composeBuildPlan, type ComposeBuildSection } from "../../../harness/engine/clients/compose-builder.ts";

/** A model as `docker compose config --format json` resolves it: absolute contexts, interpolated args. */
function model(services: Record<string, { image?: string; build?: ComposeBuildSection }>, secrets: ComposeModel["secrets"] = {}): ComposeModel {
  return { name: "p", services: services as Record<string, ComposeService>, secrets };
}

describe("composeBuildPlan", () => {
  it("tags each image as Compose would: the service's image, else <project>-<service>", () => {
    const plan = composeBuildPlan(
      model({ db: { build: { context: "/sub/db" } }, api: { image: "shop/api:dev", build: { context: "/sub/api" } }, cache: { image: "busybox:1.37" } }),
      "dockgrade-abc",
    );
    expect(plan.map((build) => [build.service, build.tag, build.contextDir, build.dockerfile])).toEqual([
      ["db", "dockgrade-abc-db", "/sub/db", { path: "/sub/db/Dockerfile" }],
      ["api", "shop/api:dev", "/sub/api", { path: "/sub/api/Dockerfile" }],
    ]);
  });

  it("passes what `docker compose build` passes: args, target, labels, contexts, file secrets, tags, network, hosts", () => {
    const [build] = composeBuildPlan(
      model(
        {
          app: {
            build: {
              context: "/sub/app",
              dockerfile: "build/app.Dockerfile",
              args: { VERSION: "1.2", UNSET: null },
              target: "runtime",
              labels: { "dockgrade.run": "abc" },
              additional_contexts: { assets: "/sub/assets" },
              secrets: [{ source: "token" }, { source: "from_env" }],
              tags: ["app:extra"],
              network: "none",
              shm_size: "67108864",
              extra_hosts: ["db=127.0.0.1"],
              no_cache: true,
            },
          },
        },
        { token: { file: "/sub/token.txt" }, from_env: { environment: "HOME" } },
      ),
      "p",
    );
    expect(build?.dockerfile).toEqual({ path: "/sub/app/build/app.Dockerfile" });
    expect(build?.extraContextDirs).toEqual(["/sub/assets"]);
    expect(build?.options).toEqual([
      "--tag",
      "p-app",
      "--tag",
      "app:extra",
      "--label",
      "dockgrade.run=abc",
      "--label",
      "com.docker.compose.project=p",
      "--label",
      "com.docker.compose.service=app",
      "--build-arg",
      "VERSION=1.2",
      "--target",
      "runtime",
      "--build-context",
      "assets=/sub/assets",
      "--secret",
      "id=token,src=/sub/token.txt",
      "--network",
      "none",
      "--shm-size",
      "67108864",
      "--add-host",
      "db:127.0.0.1",
      "--no-cache",
    ]);
    // The grader's environment is not the build's to read.
    expect(build?.notes).toEqual(["build secret from_env is not passed: only secrets read from a file in the submission are"]);
  });

  it("writes dockerfile_inline to a file of its own, and builds a service another one builds from first", () => {
    const plan = composeBuildPlan(
      model({
        app: { build: { context: "/sub/app", additional_contexts: { base: "service:base" } } },
        base: { image: "shop/base", build: { context: "/sub", dockerfile_inline: "FROM busybox:1.37\n" } },
      }),
      "p",
    );
    expect(plan.map((build) => build.service)).toEqual(["base", "app"]);
    expect(plan[0]?.dockerfile).toEqual({ inline: "FROM busybox:1.37\n" });
    expect(plan[1]?.options).toContain("base=docker-image://shop/base");
  });

  it("builds an image several services share once", () => {
    const plan = composeBuildPlan(model({ a: { image: "same", build: { context: "/sub" } }, b: { image: "same", build: { context: "/sub" } } }), "p");
    expect(plan.map((build) => build.service)).toEqual(["a"]);
  });
});
