import { describe, expect, it } from "vitest";
import type { Fixture, FixtureContext } from "../../../harness/checks/context.ts";
import { runImages } from "../../../harness/checks/shared-setup/built-image.ts";
import { IMAGE_SIZE_LIMIT_BYTES } from "../../../harness/engine/build/build-disk-limits.ts";
import type { ImageDetails } from "../../../harness/engine/clients/image-types.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { scanRunImages } from "../../../harness/grading/run-image-scan.ts";
import { FixtureCache } from "../../../harness/kernel/fixture.ts";
import { RunFindings } from "../../../harness/kernel/findings.ts";

/** A run that built one image of `bytes`, on an engine that only answers `inspect` (and refuses `save`). */
async function scanned(bytes: number) {
  const findings = new RunFindings();
  const inspect = async (ref: string) => ({ id: `sha256:${"0".repeat(64)}`, repoTags: [ref], size: bytes }) as unknown as ImageDetails;
  const save = async () => {
    throw new Error("save refused");
  };
  const ctx = {
    findings,
    preflight: { builds: [] },
    engine: { images: { inspect, save } } as unknown as Engine,
    use: <T>(fixture: Fixture<T>) => fixtures.use(fixture),
  } as unknown as FixtureContext;
  const fixtures = new FixtureCache(ctx);
  (await ctx.use(runImages)).push({ name: "api", ref: "run-api" });
  await scanRunImages(ctx);
  return findings.localized("en");
}

describe("the scan of every built image", () => {
  it("does not read an image over the size limit, and says so", async () => {
    const { findings, images } = await scanned(IMAGE_SIZE_LIMIT_BYTES + 1);
    expect(findings.map(({ rule, severity, file, bytes }) => ({ rule, severity, file, bytes }))).toEqual([
      { rule: "secret/image-too-large", severity: "warning", file: "Dockerfile", bytes: IMAGE_SIZE_LIMIT_BYTES + 1 },
    ]);
    expect(findings[0]?.message).toContain("The image of service api weighs");
    expect(images).toEqual([]);
  });

  it("says the grader could not read an image it tried to, without failing", async () => {
    const { findings } = await scanned(1000);
    expect(findings.map(({ rule, severity }) => ({ rule, severity }))).toEqual([{ rule: "secret/not-scanned", severity: "info" }]);
    expect(findings[0]?.message).toContain("save refused");
  });
});
