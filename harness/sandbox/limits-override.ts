import { stringify } from "yaml";
import type { ComposeModel, ComposeService } from "../engine/compose-model.ts";
import { ceilingLabels, logOptions, type ContainerLimits, type GradedLimit } from "../engine/limits/container-limits.ts";
import { parseBytes, parseDurationSeconds, parseNumber } from "./docker-units.ts";

type Override = Record<string, unknown>;

interface ServiceOverride {
  readonly fields: Override;
  readonly deployLimits: Override;
  readonly deployReservations: Override;
  readonly imposed: GradedLimit[];
  readonly capped: Partial<Record<GradedLimit, number>>;
}

/**
 * A Compose override file that puts every service under the run's ceilings. A limit the student
 * set at or below the ceiling keeps its value (chapter 02 grades those limits); one above it, or
 * none, becomes the ceiling, and the container's labels say which (`dockgrade.imposed`,
 * `dockgrade.capped`) so the limit checks grade what the student wrote, not what the grader added.
 * Swap is always off (memswap = memory). Pure: the resolved model in, YAML out.
 *
 * Logging: a student's `json-file` or `local` driver whose files stay within the ceiling is kept,
 * and so is `none` (nothing reaches the disk). Any other driver, or none named, becomes json-file
 * with the ceiling: syslog, journald, fluentd, gelf… would write to the host's own logs or send
 * lines over the network, and the engine's default driver may keep everything.
 */
export function limitsOverride(model: ComposeModel, limits: ContainerLimits): string {
  const services = Object.fromEntries(Object.entries(model.services).map(([name, service]) => [name, serviceOverride(service, limits)]));
  return stringify({ services });
}

function serviceOverride(service: ComposeService, limits: ContainerLimits): Override {
  const override: ServiceOverride = { fields: {}, deployLimits: {}, deployReservations: {}, imposed: [], capped: {} };
  const memory = capMemory(service, limits, override);
  capReservation(service, memory, override);
  capCpus(service, limits, override);
  capPids(service, limits, override);
  capLogging(service, limits, override);
  capStopGrace(service, limits, override);
  const reservations = Object.keys(override.deployReservations).length > 0 ? { reservations: override.deployReservations } : {};
  return {
    ...override.fields,
    deploy: { resources: { limits: override.deployLimits, ...reservations } },
    labels: ceilingLabels(override.imposed, override.capped),
  };
}

/**
 * The value the container gets: the student's at or below the ceiling, the ceiling otherwise.
 * Compose refuses a short form and a `deploy` form that differ, an absent one counting as 0: as
 * soon as the override writes one `deploy` limit, every limit must be in both forms. So each is,
 * the student's own value included.
 */
function effective(limit: GradedLimit, student: number | undefined, ceiling: number, override: ServiceOverride): number {
  if (student !== undefined && student > 0 && student <= ceiling) return student;
  if (student !== undefined && student > 0) override.capped[limit] = student;
  else override.imposed.push(limit);
  return ceiling;
}

/** Returns the memory the container will have. */
function capMemory(service: ComposeService, limits: ContainerLimits, override: ServiceOverride): number {
  const student = parseBytes(service.mem_limit) ?? parseBytes(service.deploy?.resources?.limits?.memory);
  const memory = effective("memory", student, limits.memoryBytes, override);
  override.fields["mem_limit"] = memory;
  override.fields["memswap_limit"] = memory;
  override.deployLimits["memory"] = String(memory);
  return memory;
}

/** The engine refuses a reservation above the limit, which a lowered limit could leave behind. */
function capReservation(service: ComposeService, memory: number, override: ServiceOverride): void {
  const reservation = parseBytes(service.mem_reservation) ?? parseBytes(service.deploy?.resources?.reservations?.memory);
  if (reservation === undefined || reservation <= memory) return;
  override.fields["mem_reservation"] = memory;
  override.deployReservations["memory"] = String(memory);
}

/**
 * `cpus` and `cpu_quota`/`cpu_period` are two spellings the engine refuses together: a student
 * who wrote the quota form gets the ceiling as a quota over their own period.
 */
function capCpus(service: ComposeService, limits: ContainerLimits, override: ServiceOverride): void {
  if (service.cpu_quota !== undefined || service.cpu_period !== undefined) {
    const period = service.cpu_period && service.cpu_period > 0 ? service.cpu_period : 100_000;
    const student = service.cpu_quota !== undefined && service.cpu_quota > 0 ? service.cpu_quota / period : undefined;
    override.fields["cpu_quota"] = Math.round(effective("cpus", student, limits.cpus, override) * period);
    return;
  }
  const cpus = effective("cpus", parseNumber(service.cpus) ?? parseNumber(service.deploy?.resources?.limits?.cpus), limits.cpus, override);
  override.fields["cpus"] = cpus;
  override.deployLimits["cpus"] = cpus;
}

function capPids(service: ComposeService, limits: ContainerLimits, override: ServiceOverride): void {
  const pids = effective("pids", service.pids_limit ?? service.deploy?.resources?.limits?.pids, limits.pids, override);
  override.fields["pids_limit"] = pids;
  override.deployLimits["pids"] = pids;
}

/** `local` keeps five files unless told otherwise; json-file keeps one, of any size. */
const DEFAULT_LOG_FILES: Readonly<Record<string, number>> = { "json-file": 1, local: 5 };

function capLogging(service: ComposeService, limits: ContainerLimits, override: ServiceOverride): void {
  const driver = service.logging?.driver;
  if (driver === "none") return;
  if (driver === "json-file" || driver === "local") {
    const size = parseBytes(service.logging?.options?.["max-size"]);
    const files = parseNumber(service.logging?.options?.["max-file"]) ?? DEFAULT_LOG_FILES[driver] ?? 1;
    // Compose merges the options of the same driver: the student's others (tag, labels…) stay.
    if (size !== undefined && size > 0 && size * files <= limits.logMaxBytes) return;
    override.fields["logging"] = { driver, options: logOptions(limits) };
    return;
  }
  // Another driver: Compose drops its options along with it.
  override.fields["logging"] = { driver: "json-file", options: logOptions(limits) };
}

function capStopGrace(service: ComposeService, limits: ContainerLimits, override: ServiceOverride): void {
  const grace = parseDurationSeconds(service.stop_grace_period);
  if (grace !== undefined && grace <= limits.stopTimeoutSeconds) return;
  override.fields["stop_grace_period"] = `${limits.stopTimeoutSeconds}s`;
}
