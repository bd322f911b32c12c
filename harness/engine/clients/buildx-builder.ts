import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { $ } from "zx";
import { withMachineLock } from "../../locks/machine-lock.ts";
import { measureContext, type OversizedContext } from "../build/build-context.ts";
import { contextTooLargeText } from "../build/build-context-message.ts";
import { runBoundedBuild, type BoundedBuildRun } from "../build/bounded-build.ts";
import { buildDiskLimitsFrom, type BuildDiskLimits } from "../build/build-disk-limits.ts";
import type { BuildInputs, BuildOutcome, BuildSpec, ImageBuilder } from "./image-builder.ts";

/**
 * Builds with BuildKit through `docker buildx build`: the course teaches BuildKit features
 * (`RUN --mount=type=secret|cache`) that the Engine API's legacy builder, and so testcontainers'
 * `fromDockerfile`, cannot run. Every build is a sandboxed one (harness/engine/build/build-process.ts):
 * its context measured against the caps first, its RUN steps under a cgroup, its time limit
 * enforced in BuildKit, its disk bounded (harness/engine/build/bounded-build.ts).
 *
 * One build at a time per engine, across processes: Engine 26.1's BuildKit was seen to panic (and
 * take the daemon down) in its provenance capture when two builds sharing steps ran at once. The
 * wait for the lock does not count against the build's time limit.
 */
export class BuildxImageBuilder implements ImageBuilder {
  constructor(
    private readonly engineHost: string,
    private readonly docker: Docker,
    private readonly disk: BuildDiskLimits = buildDiskLimitsFrom(),
  ) {}

  async version(): Promise<string | undefined> {
    const result = await $({ nothrow: true, quiet: true })`docker buildx version`;
    return result.exitCode === 0 ? result.stdout.trim() : undefined;
  }

  /** The context is measured before the lock is taken: a refused build never waits for another. */
  async build(spec: BuildSpec): Promise<BuildOutcome> {
    const measuring = Date.now();
    const context = await measureContext(spec.contextDir, spec.dockerfile);
    if (!context.within) return contextTooLarge(context, Date.now() - measuring);
    return oneBuildAtATime(this.engineHost, spec.signal, () => this.buildNow(spec));
  }

  private async buildNow(spec: BuildSpec): Promise<BuildOutcome> {
    const started = Date.now();
    const scratch = await mkdtemp(join(tmpdir(), "dockgrade-build-"));
    const iidFile = join(scratch, "iid");
    try {
      const labelArgs = Object.entries(spec.labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
      const targetArgs = spec.target ? ["--target", spec.target] : [];
      const inputArgs = buildInputOptions(spec);
      const args = [
        "--load",
        "--progress=plain",
        "--file",
        spec.dockerfile,
        "--tag",
        spec.tag,
        "--iidfile",
        iidFile,
        ...labelArgs,
        ...targetArgs,
        ...inputArgs,
        spec.contextDir,
      ];
      const run = await runBoundedBuild(this.docker, this.engineHost, args, {
        timeoutMs: spec.timeoutMs,
        disk: spec.diskLimits ?? this.disk,
        tag: spec.tag,
        dockerfile: spec.dockerfile,
        ...(spec.signal ? { signal: spec.signal } : {}),
      });
      const durationMs = Date.now() - started;
      if (run.outcome !== "succeeded") return failedOutcome(run, durationMs);
      return { ok: true, imageId: (await readFile(iidFile, "utf8")).trim(), log: run.log, durationMs };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
}

/**
 * `--secret id=…,src=…` for each secret file and `--build-arg` for each argument the grader provides.
 * With secrets, no cache: BuildKit leaves a secret's content out of the cache key, so a step cached
 * by an earlier run would hand over what it made from that run's value.
 */
export function buildInputOptions(inputs: BuildInputs): string[] {
  const secrets = inputs.secrets ?? [];
  return [
    ...(secrets.length > 0 ? ["--no-cache"] : []),
    ...secrets.flatMap(({ id, file }) => ["--secret", `id=${id},src=${file}`]),
    ...Object.entries(inputs.buildArgs ?? {}).flatMap(([name, value]) => ["--build-arg", `${name}=${value}`]),
  ];
}

/** A build that ran and made no image (or one over the limit, removed). */
export function failedOutcome(run: BoundedBuildRun, durationMs: number): Extract<BuildOutcome, { ok: false }> {
  if (run.outcome === "over-disk-limit" && run.overrun) return { ok: false, reason: "over-disk-limit", overrun: run.overrun, log: run.log, durationMs };
  return { ok: false, reason: run.outcome === "timeout" || run.outcome === "cancelled" ? run.outcome : "failed", log: run.log, durationMs };
}

/** The outcome of a build refused before it started: its context is over a cap. */
export function contextTooLarge(context: OversizedContext, durationMs: number): BuildOutcome {
  return { ok: false, reason: "context-too-large", context, log: `dockgrade: ${contextTooLargeText(context).en}\n`, durationMs };
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
