import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { $, type ProcessPromise } from "zx";
import { withMachineLock } from "../../locks/machine-lock.ts";
import type { BuildOutcome, BuildSpec, ImageBuilder } from "./image-builder.ts";

/** Keep the end of a build log: the error is there, and the report must stay readable. */
const MAX_LOG_CHARS = 64_000;

/**
 * Builds with BuildKit through `docker buildx build`: the course teaches BuildKit features
 * (`RUN --mount=type=secret|cache`) that the Engine API's legacy builder, and so testcontainers'
 * `fromDockerfile`, cannot run. The docker CLI inherits DOCKER_HOST from connect(), so it talks to
 * the same engine as dockerode.
 *
 * One build at a time per engine, across processes: Engine 26.1's BuildKit was seen to panic (and
 * take the daemon down) in its provenance capture when two builds sharing steps ran at once. The
 * wait for the lock does not count against the build's time limit.
 */
export class BuildxImageBuilder implements ImageBuilder {
  constructor(private readonly engineHost: string) {}

  async version(): Promise<string | undefined> {
    const result = await $({ nothrow: true, quiet: true })`docker buildx version`;
    return result.exitCode === 0 ? result.stdout.trim() : undefined;
  }

  build(spec: BuildSpec): Promise<BuildOutcome> {
    return oneBuildAtATime(this.engineHost, spec.signal, () => this.buildNow(spec));
  }

  private async buildNow(spec: BuildSpec): Promise<BuildOutcome> {
    const scratch = await mkdtemp(join(tmpdir(), "dockgrade-build-"));
    const iidFile = join(scratch, "iid");
    const started = Date.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort("timeout"), spec.timeoutMs);
    const onCancel = () => controller.abort("cancelled");
    spec.signal?.addEventListener("abort", onCancel, { once: true });
    try {
      const labelArgs = Object.entries(spec.labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
      const targetArgs = spec.target ? ["--target", spec.target] : [];
      const run: ProcessPromise = $({ nothrow: true, quiet: true, signal: controller.signal, env: buildEnv() })`docker buildx build --load --progress=plain --file ${spec.dockerfile} --tag ${spec.tag} --iidfile ${iidFile} ${labelArgs} ${targetArgs} ${spec.contextDir}`;
      const result = await run;
      const log = tail(result.stdout + result.stderr);
      const durationMs = Date.now() - started;
      if (controller.signal.aborted) {
        return { ok: false, reason: controller.signal.reason === "timeout" ? "timeout" : "cancelled", log, durationMs };
      }
      if (result.exitCode !== 0) return { ok: false, reason: "failed", log, durationMs };
      return { ok: true, imageId: (await readFile(iidFile, "utf8")).trim(), log, durationMs };
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener("abort", onCancel);
      await rm(scratch, { recursive: true, force: true });
    }
  }
}

/**
 * Runs a build while holding the engine's build lock, shared by every dockgrade process and by
 * Compose builds; a build cancelled while it waits reports `cancelled`.
 */
export async function oneBuildAtATime(engineHost: string, signal: AbortSignal | undefined, build: () => Promise<BuildOutcome>): Promise<BuildOutcome> {
  const lockName = `buildkit-${createHash("sha256").update(engineHost).digest("hex").slice(0, 16)}`;
  try {
    return await withMachineLock(lockName, build, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) return { ok: false, reason: "cancelled", log: "", durationMs: 0 };
    throw error;
  }
}

/** BuildKit must be on even where an old daemon.json or env turned it off. */
function buildEnv(): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_BUILDKIT: "1", BUILDKIT_PROGRESS: "plain" };
}

function tail(log: string): string {
  return log.length <= MAX_LOG_CHARS ? log : `…\n${log.slice(-MAX_LOG_CHARS)}`;
}
