import { runLabels } from "../../kernel/run-labels.ts";
import { PROBE_IMAGE } from "../../images/grader-images.ts";
import type { FixtureContext } from "../context.ts";
import { MANIFEST_SCRIPT, parseManifest, type Manifest } from "./volume-manifest.ts";

type ProbeContext = Pick<FixtureContext, "engine" | "runId" | "exercise">;

/**
 * The manifest of a volume, read by a grader-owned busybox that mounts it read-only, without
 * network: nothing in the student's image is relied on, and nothing in the volume changes.
 * Mounting a volume that does not exist creates it, empty: call this on volumes that should exist.
 */
export async function readVolumeManifest(ctx: ProbeContext, volume: string): Promise<Manifest> {
  const { exitCode, output } = await ctx.engine.containers.runOnce({
    image: PROBE_IMAGE,
    command: ["sh", "-c", MANIFEST_SCRIPT],
    labels: runLabels(ctx.runId, ctx.exercise.id),
    networkMode: "none",
    timeoutMs: 60_000,
    mounts: [{ type: "volume", source: volume, target: "/v", readOnly: true }],
  });
  if (exitCode !== 0) throw new Error(`reading volume ${volume} failed (exit ${exitCode}): ${output.slice(-500)}`);
  return parseManifest(output);
}
