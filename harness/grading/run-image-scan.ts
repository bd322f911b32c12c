import type { FixtureContext } from "../checks/context.ts";
import { runImages, type RunImage } from "../checks/shared-setup/built-image.ts";
import { reportedLayerSecrets, runImageDockerfile, runImageLayers } from "../checks/shared-setup/layer-analysis.ts";
import { IMAGE_SIZE_LIMIT_BYTES } from "../engine/build/build-disk-limits.ts";
import type { ImageDetails } from "../engine/clients/image-types.ts";
import { toImageAnalysis } from "../layers/image-analysis.ts";
import { secretFinding, unscannedFinding, type UnscannedReason } from "../layers/layer-findings.ts";

/** Enough of an engine's error to say what went wrong, without its stack. */
const DETAIL_LIMIT = 200;

/**
 * The layer analysis and the secret scan of every image the run built, whatever its grader
 * scores: a private key copied by one line and deleted by the next is reported at that line in
 * every exercise, as findings that cost no points. It reads what the checks already read (the
 * same fixtures, the same cache by image id), so an image is never read twice. It never fails
 * the run: where an image cannot be read, a finding says so.
 */
export async function scanRunImages(ctx: FixtureContext): Promise<void> {
  const images = await ctx.use(runImages);
  const reported = await ctx.use(reportedLayerSecrets);
  // One after the other: each may be as large as the size limit, and the engine is shared.
  for (const image of images) await scanRunImage(ctx, image, reported);
}

async function scanRunImage(ctx: FixtureContext, image: RunImage, reported: Set<string>): Promise<void> {
  const file = (await runImageDockerfile(ctx, image).catch(() => undefined))?.file ?? "Dockerfile";
  const unscanned = (why: UnscannedReason) => ctx.findings.add(unscannedFinding(image.name, file, why));
  let details: ImageDetails;
  try {
    details = await ctx.engine.images.inspect(image.ref);
  } catch (error) {
    return unscanned({ reason: "unreadable", detail: detailOf(error) });
  }
  // Checked before `docker save`: reading an image costs time and disk in proportion to its size.
  if (details.size > IMAGE_SIZE_LIMIT_BYTES) return unscanned({ reason: "too-large", bytes: details.size, limitBytes: IMAGE_SIZE_LIMIT_BYTES });
  try {
    const located = await runImageLayers(ctx, image, details.id);
    ctx.findings.addImage(toImageAnalysis(located, image.name));
    // An image a check already reported, or two services built to the same id, is reported once.
    if (reported.has(located.layers.id)) return;
    reported.add(located.layers.id);
    ctx.findings.add(...located.layers.secrets.map((secret) => secretFinding(located, secret)));
  } catch (error) {
    unscanned({ reason: "unreadable", detail: detailOf(error) });
  }
}

function detailOf(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
  return message.length <= DETAIL_LIMIT ? message : `${message.slice(0, DETAIL_LIMIT - 1)}…`;
}
