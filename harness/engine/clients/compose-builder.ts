import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import type Docker from "dockerode";
import type { ComposeModel } from "../compose-model.ts";
import { measureContext } from "../build/build-context.ts";
import { runBoundedBuild } from "../build/bounded-build.ts";
import { buildDiskLimitsFrom, type BuildDiskLimits } from "../build/build-disk-limits.ts";
import { buildInputOptions, contextTooLarge, failedOutcome, oneBuildAtATime } from "./buildx-builder.ts";
import type { ComposeConfigOutcome, ComposeProjectSpec } from "./compose-project-spec.ts";
import type { BuildInputs, BuildOutcome } from "./image-builder.ts";

/** Keep the end of the services' logs: the failing one is last. */
const MAX_LOG_CHARS = 64_000;

/** A service's `build:` as `docker compose config --format json` resolves it (paths absolute, args interpolated). */
export interface ComposeBuildSection {
  readonly context: string;
  readonly dockerfile?: string;
  readonly dockerfile_inline?: string;
  readonly args?: Readonly<Record<string, string | null>>;
  readonly target?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly additional_contexts?: Readonly<Record<string, string>>;
  readonly secrets?: readonly { readonly source: string }[];
  readonly tags?: readonly string[];
  readonly network?: string;
  readonly shm_size?: string | number;
  readonly extra_hosts?: readonly string[];
  readonly no_cache?: boolean;
}

/** One image to build for the project, planned from the resolved model. */
export interface ServiceBuild {
  readonly service: string;
  readonly tag: string;
  readonly contextDir: string;
  /** A Dockerfile path, or the `dockerfile_inline` text to write to one. */
  readonly dockerfile: { readonly path: string } | { readonly inline: string };
  /** Local folders sent besides the context (`additional_contexts`), measured like it. */
  readonly extraContextDirs: readonly string[];
  /** `docker buildx build` options, without `--file` and the context. */
  readonly options: readonly string[];
  /** Why part of the service's `build:` was left out, for the log. */
  readonly notes: readonly string[];
}

export interface ComposeBuildOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** The grader's own secrets and build arguments, handed to every service's build. */
  readonly inputs?: BuildInputs;
}

/**
 * Builds a Compose project's images with `docker buildx build`, one service after the other, as
 * sandboxed builds with a bounded disk (harness/engine/build/bounded-build.ts): `docker compose build` (Compose 2.26) has
 * no way to put RUN steps under a cgroup. Each image gets the tag Compose would give it (the
 * service's `image`, else `<project>-<service>`), so `docker compose up` finds it and does not
 * build again. One deadline for the whole project; contexts measured before anything is built.
 */
export class ComposeImageBuilder {
  constructor(
    private readonly engineHost: string,
    private readonly docker: Docker,
    private readonly resolve: (spec: ComposeProjectSpec) => Promise<ComposeConfigOutcome>,
    private readonly disk: BuildDiskLimits = buildDiskLimitsFrom(),
  ) {}

  async build(spec: ComposeProjectSpec, options: ComposeBuildOptions): Promise<BuildOutcome> {
    const started = Date.now();
    const resolved = await this.resolve(spec);
    if (!resolved.ok) return { ok: false, reason: "failed", log: resolved.error, durationMs: Date.now() - started };
    const plan = composeBuildPlan(resolved.model, spec.projectName, options.inputs);
    for (const build of plan) {
      for (const dir of [build.contextDir, ...build.extraContextDirs]) {
        const context = await measureContext(dir, "path" in build.dockerfile ? build.dockerfile.path : undefined);
        if (!context.within) {
          const refused = contextTooLarge(context, Date.now() - started);
          return { ...refused, log: `=== ${build.service}\n${refused.log}` };
        }
      }
    }
    return oneBuildAtATime(this.engineHost, options.signal, () => this.buildAll(plan, options));
  }

  private async buildAll(plan: readonly ServiceBuild[], options: ComposeBuildOptions): Promise<BuildOutcome> {
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    const scratch = await mkdtemp(join(tmpdir(), "dockgrade-compose-build-"));
    const logs: string[] = [];
    const log = () => logs.join("\n").slice(-MAX_LOG_CHARS);
    try {
      for (const build of plan) {
        const dockerfile = "path" in build.dockerfile ? build.dockerfile.path : join(scratch, `${build.service}.Dockerfile`);
        if ("inline" in build.dockerfile) await writeFile(dockerfile, build.dockerfile.inline);
        const limits = {
          timeoutMs: Math.max(0, deadline - Date.now()),
          disk: this.disk,
          tag: build.tag,
          dockerfile,
          ...(options.signal ? { signal: options.signal } : {}),
        };
        const run = await runBoundedBuild(
          this.docker,
          this.engineHost,
          ["--load", "--progress=plain", "--file", dockerfile, ...build.options, build.contextDir],
          limits,
        );
        logs.push(`=== ${build.service}`, ...build.notes.map((note) => `dockgrade: ${note}`), run.log);
        if (run.outcome !== "succeeded") return failedOutcome({ ...run, log: log() }, Date.now() - started);
      }
      return { ok: true, imageId: "", log: log(), durationMs: Date.now() - started };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
}

/**
 * What Compose would build, in an order where an image another one names (`additional_contexts:
 * {x: service:base}`) comes first, each tag once. Left out on purpose: `pull` (the grader works
 * offline from local images), cache imports and exports, platforms, `ssh` and secrets read from
 * the grader's environment (the grader's own secrets are not the build's to read). The exercise's
 * build secrets (`inputs`) go to every service, in place of a secret of the file with the same id.
 */
export function composeBuildPlan(model: ComposeModel, projectName: string, inputs: BuildInputs = {}): ServiceBuild[] {
  const sections = Object.entries(model.services).flatMap(([service, definition]) =>
    definition.build ? [{ service, image: definition.image, build: definition.build as ComposeBuildSection }] : [],
  );
  const tagOf = new Map(sections.map(({ service, image }) => [service, image ?? `${projectName}-${service}`]));
  const plans = sections.map(({ service, build }) => planService(service, tagOf.get(service) as string, build, model, tagOf, projectName, inputs));
  const seen = new Set<string>();
  return dependenciesFirst(plans, sections).filter((plan) => !seen.has(plan.tag) && seen.add(plan.tag));
}

function planService(
  service: string,
  tag: string,
  build: ComposeBuildSection,
  model: ComposeModel,
  tagOf: ReadonlyMap<string, string>,
  projectName: string,
  inputs: BuildInputs,
): ServiceBuild {
  const notes: string[] = [];
  const provided = new Set((inputs.secrets ?? []).map(({ id }) => id));
  const labels = { ...build.labels, "com.docker.compose.project": projectName, "com.docker.compose.service": service };
  const extraContexts = Object.entries(build.additional_contexts ?? {}).map(([name, source]) => {
    const image = source.startsWith("service:") ? tagOf.get(source.slice("service:".length)) : undefined;
    return { name, source: image ? `docker-image://${image}` : source };
  });
  const secrets = (build.secrets ?? []).flatMap(({ source }) => {
    if (provided.has(source)) {
      notes.push(`build secret ${source} is the grader's: its value is provided for this run`);
      return [];
    }
    const file = model.secrets?.[source]?.file;
    if (file) return ["--secret", `id=${source},src=${file}`];
    notes.push(`build secret ${source} is not passed: only secrets read from a file in the submission are`);
    return [];
  });
  const options = [
    "--tag",
    tag,
    ...(build.tags ?? []).flatMap((extra) => ["--tag", extra]),
    ...Object.entries(labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]),
    ...Object.entries(build.args ?? {}).flatMap(([key, value]) => (value === null ? [] : ["--build-arg", `${key}=${value}`])),
    ...(build.target ? ["--target", build.target] : []),
    ...extraContexts.flatMap(({ name, source }) => ["--build-context", `${name}=${source}`]),
    ...secrets,
    ...(build.network ? ["--network", build.network] : []),
    ...(build.shm_size !== undefined ? ["--shm-size", String(build.shm_size)] : []),
    // Compose writes `host=ip`; buildx reads `host:ip`.
    ...(build.extra_hosts ?? []).flatMap((entry) => ["--add-host", entry.replace("=", ":")]),
    ...(build.no_cache ? ["--no-cache"] : []),
    // Last, so that the grader's build arguments win over the file's.
    ...buildInputOptions(inputs),
  ];
  const dockerfile = dockerfileOf(build);
  const extraContextDirs = extraContexts.map(({ source }) => source).filter((source) => isAbsolute(source));
  return { service, tag, contextDir: build.context, dockerfile, extraContextDirs, options, notes };
}

/** The Dockerfile Compose builds a service from: `dockerfile_inline`, else `dockerfile` (default `Dockerfile`) in the context. */
export function dockerfileOf(build: ComposeBuildSection): { readonly path: string } | { readonly inline: string } {
  if (build.dockerfile_inline !== undefined) return { inline: build.dockerfile_inline };
  const written = build.dockerfile ?? "Dockerfile";
  return { path: isAbsolute(written) ? written : join(build.context, written) };
}

/** Services another one builds from (`service:` contexts) first; otherwise the model's order. */
function dependenciesFirst(plans: readonly ServiceBuild[], sections: readonly { service: string; build: ComposeBuildSection }[]): ServiceBuild[] {
  const needs = new Map(
    sections.map(({ service, build }) => [
      service,
      Object.values(build.additional_contexts ?? {})
        .filter((source) => source.startsWith("service:"))
        .map((source) => source.slice("service:".length)),
    ]),
  );
  const ordered: ServiceBuild[] = [];
  const placed = new Set<string>();
  const place = (plan: ServiceBuild, path: readonly string[]) => {
    if (placed.has(plan.service) || path.includes(plan.service)) return;
    for (const dependency of needs.get(plan.service) ?? []) {
      const needed = plans.find((candidate) => candidate.service === dependency);
      if (needed) place(needed, [...path, plan.service]);
    }
    placed.add(plan.service);
    ordered.push(plan);
  };
  for (const plan of plans) place(plan, []);
  return ordered;
}
