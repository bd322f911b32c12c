import { describe, expect, it } from "vitest";
import { BUILD_DISK_LIMITS } from "../../../harness/engine/build/build-disk-limits.ts";
import type { BuildSpec } from "../../../harness/engine/clients/image-builder.ts";
import type { BaseImageTools } from "../../../harness/images/offline-builder.ts";
import { buildOfflineBusybox } from "../../../harness/images/offline-busybox.ts";

describe("the offline busybox build", () => {
  it("runs under the default build-disk limit, not the lower one an operator sets for submissions", async () => {
    const specs: BuildSpec[] = [];
    const builder = {
      build: async (spec: BuildSpec) => {
        specs.push(spec);
        return { ok: false as const, reason: "failed" as const, log: "stopped by the test", durationMs: 0 };
      },
    };
    const tools = { builder, images: {} } as unknown as BaseImageTools;
    await expect(buildOfflineBusybox(tools, "busybox:1.37")).rejects.toThrow(/busybox/);
    expect(specs.map((spec) => spec.diskLimits)).toEqual([BUILD_DISK_LIMITS]);
  });
});
