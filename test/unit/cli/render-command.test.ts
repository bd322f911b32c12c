import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderCommand } from "../../../harness/cli/render-command.ts";
import { UsageError } from "../../../harness/kernel/errors.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dockgrade-render-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("dockgrade render", () => {
  it("refuses a missing file, naming it in both languages", async () => {
    const missing = join(dir, "absent.json");
    const error = await renderCommand([missing]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(`${missing} ne peut pas être lu`);
    expect((error as UsageError).message).toContain(`${missing} cannot be read`);
  });

  it("refuses a file that is not JSON", async () => {
    const file = join(dir, "broken.json");
    await writeFile(file, "{ not json");
    await expect(renderCommand([file])).rejects.toThrow(/is not valid JSON/);
  });

  it("names the field of a schema error", async () => {
    const file = join(dir, "wrong.json");
    const saved = JSON.parse(await readFile(new URL("../report/saved/result-1.3.json", import.meta.url), "utf8")) as { checks: { status: string }[] };
    saved.checks[1]!.status = "maybe";
    await writeFile(file, JSON.stringify(saved));
    await expect(renderCommand([file])).rejects.toThrow(/field checks\.1\.status/);
  });

  it("refuses an unknown schema version", async () => {
    const file = join(dir, "future.json");
    await writeFile(file, JSON.stringify({ schemaVersion: "9.0" }));
    await expect(renderCommand([file])).rejects.toThrow(/field schemaVersion/);
  });

  it("takes exactly one RESULT.json and known options", async () => {
    await expect(renderCommand([])).rejects.toBeInstanceOf(UsageError);
    await expect(renderCommand(["a.json", "b.json"])).rejects.toBeInstanceOf(UsageError);
    await expect(renderCommand(["--colour", "a.json"])).rejects.toBeInstanceOf(UsageError);
    await expect(renderCommand(["--lang", "de", "a.json"])).rejects.toBeInstanceOf(UsageError);
  });

  it("exits 2 from the command line, and writes nothing", () => {
    const out = join(dir, "out");
    const run = spawnSync("npx", ["tsx", "harness/cli/bin.ts", "render", join(dir, "absent.json"), "--out", out], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("absent.json cannot be read");
    return expect(readdir(out)).rejects.toThrow();
  });
});
