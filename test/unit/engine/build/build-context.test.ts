import { mkdir, symlink, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { measureContext } from "../../../../harness/engine/build/build-context.ts";
import { contextTooLargeText } from "../../../../harness/engine/build/build-context-message.ts";
import { ProjectDirs } from "../../../support/compose-projects.ts";

const dirs = new ProjectDirs();
afterAll(() => dirs.cleanUp());

const caps = { bytes: 1000, entries: 10 };

describe("measureContext", () => {
  it("counts files, folders and links, not what .dockerignore excludes", async () => {
    const dir = await dirs.create({
      Dockerfile: "FROM busybox\n",
      "src/a.c": "x".repeat(100),
      ".dockerignore": "node_modules\n*.log\n",
      "node_modules/big.js": "y".repeat(5000),
      "debug.log": "z".repeat(5000),
    });
    await symlink("/etc/passwd", join(dir, "link"));
    const measure = await measureContext(dir, join(dir, "Dockerfile"), caps);
    // Dockerfile, .dockerignore, src/, src/a.c, link: the link itself, not /etc/passwd.
    expect(measure).toMatchObject({ within: true, entries: 5 });
  });

  it("walks an ignored folder when a `!` pattern may bring a file back", async () => {
    const dir = await dirs.create({ ".dockerignore": "build\n!build/keep.txt\n", "build/keep.txt": "k".repeat(10), "build/drop.bin": "d".repeat(5000) });
    // .dockerignore, build/ and build/keep.txt; build/drop.bin stays out.
    expect(await measureContext(dir, undefined, caps)).toMatchObject({ within: true, entries: 3 });
  });

  it("prefers <Dockerfile>.dockerignore beside the Dockerfile to the context's .dockerignore", async () => {
    const dir = await dirs.create({
      "app.Dockerfile": "FROM busybox\n",
      "app.Dockerfile.dockerignore": "data\n",
      ".dockerignore": "",
      "data/blob": "b".repeat(5000),
    });
    expect((await measureContext(dir, join(dir, "app.Dockerfile"), caps)).within).toBe(true);
    expect((await measureContext(dir, join(dir, "Dockerfile"), caps)).within).toBe(false);
  });

  it("counts a sparse file at its apparent size and names it among the biggest", async () => {
    const dir = await dirs.create({ Dockerfile: "FROM busybox\n", "src/a.c": "int main;" });
    await writeFile(join(dir, "disk.img"), "");
    await truncate(join(dir, "disk.img"), 10 * 1024 ** 3);
    const measure = await measureContext(dir, undefined);
    expect(measure).toMatchObject({ within: false, over: "bytes" });
    if (measure.within) return;
    expect(measure.biggest[0]).toMatchObject({ path: "disk.img", bytes: 10 * 1024 ** 3 });
    const message = contextTooLargeText(measure);
    expect(message.en).toContain("over the limit of 100 MiB");
    expect(message.en).toContain("disk.img (≥ 10 GiB)");
    expect(message.en).toContain(".dockerignore");
    expect(message.fr).toContain("100 Mio");
  });

  it("stops counting at the entry cap: twenty-one thousand files cost the first twenty thousand", async () => {
    const dir = await dirs.create({ Dockerfile: "FROM busybox\n" });
    await mkdir(join(dir, "node_modules"));
    for (let batch = 0; batch < 21; batch++) {
      await Promise.all(Array.from({ length: 1000 }, (_, index) => writeFile(join(dir, "node_modules", `f${batch}-${index}`), "")));
    }
    const started = Date.now();
    const measure = await measureContext(dir, undefined, { bytes: 100 * 1024 ** 2, entries: 20_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(measure).toMatchObject({ within: false, over: "entries", countedEntries: 20_001 });
    if (measure.within) return;
    expect(measure.biggest[0]).toMatchObject({ path: "node_modules/", entries: 20_000 });
    expect(contextTooLargeText(measure).en).toContain("20,000 files and folders");
  });
});
