import type { ContainerHostConfig } from "../../engine/clients/container-types.ts";
import { text, type Text } from "../../kernel/text.ts";
import { graderCeiling, type GradedLimit, type GraderCeiling } from "../../engine/limits/container-limits.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import type { CgroupLimits, Enforced } from "./cgroup-limits.ts";
import { judgeLimit, type LimitRule } from "./limit-judgement.ts";
import { ProbeError, readCgroupLimits } from "./probes.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { onRunning, type RuntimeTarget } from "./target.ts";

/** One resource limit: where the engine keeps it, where the kernel enforces it, how to say it. */
interface LimitKind {
  readonly id: string;
  readonly limit: GradedLimit;
  readonly what: Text;
  /** "Mémoire limitée à" / "CPU limité à": French agrees with the noun. */
  readonly limitedTo: Text;
  readonly hint: Text;
  readonly rule: LimitRule;
  configured(host: ContainerHostConfig): number | undefined;
  enforced(limits: CgroupLimits): Enforced;
  format(value: number): string;
}

/**
 * The limit is really applied: the engine holds it (inspect) and the kernel enforces the same value
 * (cgroup files read from inside). Set but above the exercise's maximum earns half: the lesson is
 * half learnt.
 */
function limitCheck(kind: LimitKind, target: RuntimeTarget, overrides: CheckOverrides) {
  const max = kind.format(kind.rule.max);
  return defineCheck(
    {
      id: kind.id,
      title: text(`${kind.limitedTo.fr} ${max} au plus`, `${kind.limitedTo.en} ${max} at most`),
      points: 2,
      needs: target.needs,
      concurrent: true,
      course: COURSE.containers.limits,
      hint: kind.hint,
      timeoutMs: 20_000,
      run: (ctx) =>
        onRunning(ctx, target, async (container) => {
          const [info, limits] = await Promise.all([container.inspect(), readCgroupLimits(container)]);
          const configured = kind.configured(info.HostConfig);
          const enforced = kind.enforced(limits);
          const ceiling = graderCeiling(info.Config.Labels, kind.limit);
          const seen = `inspect: ${configured === undefined ? "(none)" : kind.format(configured)}${ceilingNote(ceiling, kind)}; cgroup v${limits.version}: ${typeof enforced === "number" ? kind.format(enforced) : enforced}`;
          const judgement = judgeLimit(configured, enforced, kind.rule, ceiling);
          switch (judgement.kind) {
            case "within":
              return passed(text(`${kind.limitedTo.fr} ${kind.format(judgement.value)}.`, `${kind.limitedTo.en} ${kind.format(judgement.value)}.`), seen);
            case "missing":
              return failed(
                text(
                  `${kind.what.fr} : aucune limite, le conteneur peut tout prendre à l'hôte.`,
                  `${kind.what.en}: no limit, the container may take everything from the host.`,
                ),
                {
                  expected: `<= ${max}`,
                  actual: "(none)",
                  details: seen,
                },
              );
            case "too-high":
              return failed(
                text(
                  `${kind.limitedTo.fr} ${kind.format(judgement.value)}, au-delà du maximum demandé (${max}).`,
                  `${kind.limitedTo.en} ${kind.format(judgement.value)}, above the maximum asked for (${max}).`,
                ),
                { expected: `<= ${max}`, actual: kind.format(judgement.value), details: seen, credit: 0.5 },
              );
            case "not-enforced":
              throw new ProbeError(`the engine holds the limit but the kernel does not enforce it (rootless engine on cgroup v1?): ${seen}`);
          }
        }),
    },
    overrides,
  );
}

/** The details say when inspect shows the grader's ceiling rather than the student's value. */
function ceilingNote(ceiling: GraderCeiling, kind: LimitKind): string {
  if (ceiling.kind === "imposed") return " (the grader's ceiling: none in the submission)";
  if (ceiling.kind === "capped") return ` (the grader's ceiling: the submission asks for ${kind.format(ceiling.studentValue)})`;
  return "";
}

const MIB = 1024 * 1024;

export function formatMebibytes(bytes: number): string {
  const mib = bytes / MIB;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

export function memoryLimitCheck(options: { target: RuntimeTarget; maxBytes: number }, overrides: CheckOverrides = {}) {
  return limitCheck(
    {
      id: "memory-limit",
      limit: "memory",
      what: text("Mémoire", "Memory"),
      limitedTo: text("Mémoire limitée à", "Memory limited to"),
      hint: text(
        `Dans le service, ajoutez \`mem_limit: ${formatMebibytes(options.maxBytes).replace(" MiB", "m")}\` (\`docker run --memory\`). Sans limite, une fuite de mémoire du conteneur fait tomber l'hôte entier ; vérifiez avec \`docker stats\`.`,
        `In the service, add \`mem_limit: ${formatMebibytes(options.maxBytes).replace(" MiB", "m")}\` (\`docker run --memory\`). Without a limit, a memory leak in the container takes the whole host down; check with \`docker stats\`.`,
      ),
      // The kernel rounds the limit down to whole pages (4 KiB, 64 KiB on some arm64 kernels).
      rule: { max: options.maxBytes, tolerance: 64 * 1024 },
      configured: (host) => positive(host.Memory),
      enforced: (limits) => limits.memoryBytes,
      format: formatMebibytes,
    },
    options.target,
    overrides,
  );
}

export function cpuLimitCheck(options: { target: RuntimeTarget; maxCpus: number }, overrides: CheckOverrides = {}) {
  return limitCheck(
    {
      id: "cpu-limit",
      limit: "cpus",
      what: text("CPU", "CPU"),
      limitedTo: text("Temps processeur limité à", "CPU time limited to"),
      hint: text(
        `Dans le service, ajoutez \`cpus: ${options.maxCpus}\` (\`docker run --cpus\`) : le conteneur ne pourra pas utiliser plus de ${options.maxCpus} cœur, même s'il s'emballe.`,
        `In the service, add \`cpus: ${options.maxCpus}\` (\`docker run --cpus\`): the container cannot use more than ${options.maxCpus} core, even when it runs wild.`,
      ),
      rule: { max: options.maxCpus, tolerance: 0.001 },
      configured: (host) => {
        const nano = positive(host.NanoCpus);
        if (nano !== undefined) return nano / 1e9;
        const quota = positive(host.CpuQuota);
        return quota === undefined ? undefined : quota / (positive(host.CpuPeriod) ?? 100_000);
      },
      enforced: (limits) => limits.cpus,
      format: (cpus) => `${Number(cpus.toFixed(3))} CPU`,
    },
    options.target,
    overrides,
  );
}

export function pidsLimitCheck(options: { target: RuntimeTarget; maxPids: number }, overrides: CheckOverrides = {}) {
  return limitCheck(
    {
      id: "pids-limit",
      limit: "pids",
      what: text("Nombre de processus", "Number of processes"),
      limitedTo: text("Nombre de processus limité à", "Number of processes limited to"),
      hint: text(
        `Dans le service, ajoutez \`pids_limit: ${options.maxPids}\` (\`docker run --pids-limit\`) : une « fork bomb » ou une fuite de processus reste alors confinée au conteneur.`,
        `In the service, add \`pids_limit: ${options.maxPids}\` (\`docker run --pids-limit\`): a fork bomb or a process leak then stays inside the container.`,
      ),
      rule: { max: options.maxPids, tolerance: 0 },
      // 0 and -1 both mean "no limit" in the engine's API.
      configured: (host) => positive(host.PidsLimit ?? undefined),
      enforced: (limits) => limits.pids,
      format: (pids) => String(pids),
    },
    options.target,
    overrides,
  );
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}
