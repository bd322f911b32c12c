import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FixtureCache } from "../../../harness/kernel/fixture.ts";
import type { Fixture, FixtureContext } from "../../../harness/checks/context.ts";
import { builtImage } from "../../../harness/checks/shared-setup/built-image.ts";
import { imageFiles } from "../../../harness/checks/shared-setup/image-files.ts";
import { layerAnalysis } from "../../../harness/checks/shared-setup/layer-analysis.ts";
import { file, folder, savedImage, streamOf, whiteout } from "./image-archive.ts";

const archive = await savedImage(
  [{ entries: [folder("usr/bin"), file("usr/bin/gcc", "elf"), file("etc/keep", "x")] }, { entries: [whiteout("usr/bin/gcc"), file("app/run", "#!/bin/sh\n")] }],
  [{ created_by: "ADD rootfs" }, { created_by: "COPY run /app/" }],
);
/** A fresh id: the process's layer cache has never seen it, and its file is removed afterwards. */
const id = `sha256:test-${randomUUID()}`;
afterAll(() => rm(join(tmpdir(), "dockgrade-cache", "layers", `${id.replace(/[^a-z0-9]+/gi, "-")}.json`), { force: true }));

/** One run's fixtures, the built image stubbed, around an engine that only counts its `docker save`s. */
function run() {
  const saves = { count: 0 };
  const images = {
    save: async () => {
      saves.count += 1;
      return streamOf(archive.bytes);
    },
  };
  const ctx = {
    engine: { images },
    submission: {},
    preflight: { builds: [] },
    use: (fixture: Fixture<unknown>) => (fixture === builtImage ? Promise.resolve({ id }) : cache.use(fixture)),
  } as unknown as FixtureContext;
  const cache = new FixtureCache(ctx);
  return { ctx, saves };
}

describe("the built image's fixtures", () => {
  it("read the image once per run for both the layer analysis and the final file list, and not again for an analysis already cached", async () => {
    const first = run();
    const [located, files] = await Promise.all([first.ctx.use(layerAnalysis), first.ctx.use(imageFiles)]);
    expect(first.saves.count).toBe(1);
    expect(located.layers.layers.map(({ filesAdded, filesRemoved }) => [filesAdded, filesRemoved])).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect([...files.final]).toEqual(["usr/bin", "etc/keep", "app/run"]);

    const second = run();
    await second.ctx.use(layerAnalysis);
    expect(second.saves.count).toBe(0);
    expect([...(await second.ctx.use(imageFiles)).final]).toEqual(["usr/bin", "etc/keep", "app/run"]);
    expect(second.saves.count).toBe(1);
  });
});
