import { performance } from "node:perf_hooks";
import { connect } from "../../harness/engine/connect.ts";
import { ensureBaseImages } from "../../harness/images/ensure-base-images.ts";
import { buildOfflineBusybox } from "../../harness/images/offline-busybox.ts";
import { buildOfflineDebian } from "../../harness/images/offline-debian.ts";
import { measure, type Benchmark } from "../measure.ts";

/**
 * Issue 7, figure 6: the base images cold (built offline from Debian packages, as on a machine no
 * registry answers) and warm (already present). Cold builds go to throw-away tags, so the images the
 * exercises use stay as they are, and are removed afterwards.
 */
export const baseImagesBenchmark: Benchmark = {
  name: "base-images",
  description: "debian:12-slim and busybox:1.37 built offline (cold) and found present (warm)",
  async run(log) {
    const engine = await connect();
    const cold: Record<string, number> = {};
    for (const [name, build] of [
      ["debian:12-slim", buildOfflineDebian],
      ["busybox:1.37", buildOfflineBusybox],
    ] as const) {
      const ref = `dockgrade-bench/${name}`;
      const started = performance.now();
      try {
        const version = await build(engine, ref);
        cold[name] = performance.now() - started;
        log(`${name} built offline in ${(cold[name] / 1000).toFixed(1)} s (${version})`);
      } finally {
        await engine.images.remove(ref, { force: true }).catch(() => undefined);
      }
    }
    const started = performance.now();
    await ensureBaseImages(engine, ["debian:12-slim", "busybox:1.37"]);
    const warm = performance.now() - started;
    return [
      measure("base images: debian:12-slim cold (offline build)", (cold["debian:12-slim"] ?? 0) / 1000, "s"),
      measure("base images: busybox:1.37 cold (offline build)", (cold["busybox:1.37"] ?? 0) / 1000, "s"),
      measure("base images: both warm (present)", warm, "ms"),
    ];
  },
};
