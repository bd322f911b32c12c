import { text, type Text } from "../../kernel/text.ts";
import { DEFAULT_CONTAINER_LIMITS, limitedHostConfig } from "../limits/container-limits.ts";
import { SCRIPT_CREATED_LABEL, type ProxyScope } from "./api-proxy-scope.ts";
import { checkBinds, checkMounts, volumeNameProblem } from "./api-proxy-mounts.ts";

/**
 * The bodies of the requests that create something: a container (`docker run`), an exec instance,
 * a volume. Pure: the JSON the docker CLI sent in, what to send the engine (or why not) out.
 * The container rules are an allowlist: a setting the rules do not know is refused unless it is
 * left at its empty default, so a new API field cannot open a hole by being unknown.
 */

type Json = Record<string, unknown>;

export type BodyVerdict<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reasons: readonly Text[] };

export interface CheckedContainer {
  readonly body: Json;
  /** Containers named by --volumes-from. */
  readonly containers: readonly string[];
  /** Named volumes mounted (-v name:/path, --mount source=name). */
  readonly volumes: readonly string[];
}

/** Top-level fields of a container's config: what runs and how, nothing about the host. */
const CONFIG_FIELDS = new Set([
  "Hostname",
  "Domainname",
  "User",
  "AttachStdin",
  "AttachStdout",
  "AttachStderr",
  "ExposedPorts",
  "Tty",
  "OpenStdin",
  "StdinOnce",
  "Env",
  "Cmd",
  "Healthcheck",
  "ArgsEscaped",
  "Image",
  "Volumes",
  "WorkingDir",
  "Entrypoint",
  "NetworkDisabled",
  "MacAddress",
  "OnBuild",
  "Labels",
  "StopSignal",
  "StopTimeout",
  "Shell",
  "HostConfig",
  "NetworkingConfig",
]);

/**
 * Every host setting of the API (what the docker CLI sends, and the few it sends only when asked):
 * a key spelled otherwise is refused, since the engine reads `privileged` as `Privileged`.
 */
const HOST_FIELDS = new Set([
  "Binds",
  "ContainerIDFile",
  "LogConfig",
  "NetworkMode",
  "PortBindings",
  "RestartPolicy",
  "AutoRemove",
  "VolumeDriver",
  "VolumesFrom",
  "ConsoleSize",
  "Annotations",
  "CapAdd",
  "CapDrop",
  "CgroupnsMode",
  "Dns",
  "DnsOptions",
  "DnsSearch",
  "ExtraHosts",
  "GroupAdd",
  "IpcMode",
  "Cgroup",
  "Links",
  "OomScoreAdj",
  "PidMode",
  "Privileged",
  "PublishAllPorts",
  "ReadonlyRootfs",
  "SecurityOpt",
  "StorageOpt",
  "Tmpfs",
  "UTSMode",
  "UsernsMode",
  "ShmSize",
  "Sysctls",
  "Runtime",
  "Isolation",
  "CpuShares",
  "Memory",
  "NanoCpus",
  "CgroupParent",
  "BlkioWeight",
  "BlkioWeightDevice",
  "BlkioDeviceReadBps",
  "BlkioDeviceWriteBps",
  "BlkioDeviceReadIOps",
  "BlkioDeviceWriteIOps",
  "CpuPeriod",
  "CpuQuota",
  "CpuRealtimePeriod",
  "CpuRealtimeRuntime",
  "CpusetCpus",
  "CpusetMems",
  "Devices",
  "DeviceCgroupRules",
  "DeviceRequests",
  "KernelMemory",
  "KernelMemoryTCP",
  "MemoryReservation",
  "MemorySwap",
  "MemorySwappiness",
  "OomKillDisable",
  "PidsLimit",
  "Ulimits",
  "CpuCount",
  "CpuPercent",
  "IOMaximumIOps",
  "IOMaximumBandwidth",
  "Mounts",
  "MaskedPaths",
  "ReadonlyPaths",
  "Init",
]);

const EXEC_FIELDS = new Set([
  "AttachStdin",
  "AttachStdout",
  "AttachStderr",
  "ConsoleSize",
  "DetachKeys",
  "Tty",
  "Env",
  "Cmd",
  "Privileged",
  "User",
  "WorkingDir",
]);
const VOLUME_FIELDS = new Set(["Name", "Driver", "DriverOpts", "Labels", "ClusterVolumeSpec"]);
const RESTART_FIELDS = new Set(["Name", "MaximumRetryCount"]);

/** Host settings harmless at any value, for a helper that archives a volume. */
const FREE_HOST_FIELDS = new Set([
  "AutoRemove",
  "ConsoleSize",
  "ContainerIDFile",
  "CapDrop",
  "ReadonlyRootfs",
  "Init",
  "ShmSize",
  "Tmpfs",
  "Dns",
  "DnsOptions",
  "DnsSearch",
  "ExtraHosts",
  "GroupAdd",
  "Links",
  "CpuShares",
  "CpusetCpus",
  "CpusetMems",
  "MemoryReservation",
  "BlkioWeight",
  "MemorySwappiness",
  "CpuCount",
  "CpuPercent",
]);

/** Ceilings the grader imposes (lower values of the student's are kept); checked, then replaced. */
const CEILING_FIELDS = new Set(["Memory", "MemorySwap", "NanoCpus", "PidsLimit", "LogConfig"]);

/** How the student wrote a host setting, so the message names what to remove from the command. */
const FLAGS: Readonly<Record<string, string>> = {
  Privileged: "--privileged",
  CapAdd: "--cap-add",
  Devices: "--device",
  DeviceRequests: "--gpus",
  DeviceCgroupRules: "--device-cgroup-rule",
  Sysctls: "--sysctl",
  CgroupParent: "--cgroup-parent",
  Runtime: "--runtime",
  PidMode: "--pid",
  IpcMode: "--ipc",
  UTSMode: "--uts",
  UsernsMode: "--userns",
  CgroupnsMode: "--cgroupns",
  NetworkMode: "--network",
  SecurityOpt: "--security-opt",
  PortBindings: "-p",
  PublishAllPorts: "-P",
  VolumeDriver: "--volume-driver",
  OomKillDisable: "--oom-kill-disable",
  Ulimits: "--ulimit",
  MaskedPaths: "--security-opt systempaths=unconfined",
  ReadonlyPaths: "--security-opt systempaths=unconfined",
  RestartPolicy: "--restart",
  CpuPeriod: "--cpu-period",
  CpuQuota: "--cpu-quota",
  OomScoreAdj: "--oom-score-adj",
  StorageOpt: "--storage-opt",
};

/** Namespace settings: only the container's own namespaces (the engine's defaults) are allowed. */
const NAMESPACE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  PidMode: [""],
  IpcMode: ["", "private", "none", "shareable"],
  UTSMode: [""],
  UsernsMode: [""],
  CgroupnsMode: ["", "private"],
  Cgroup: [""],
};

const HOST_POWERS = new Set(["Privileged", "CapAdd", "Devices", "DeviceRequests", "DeviceCgroupRules", "Sysctls", "CgroupParent", "Runtime"]);

/** Networks a helper may ask for: all of them mean "no network" in the sandbox. */
const NO_NETWORK = new Set(["", "default", "bridge", "none"]);

export function checkContainerCreate(raw: unknown, scope: ProxyScope): BodyVerdict<CheckedContainer> {
  if (!isObject(raw)) return { ok: false, reasons: [notAnObject()] };
  const host = raw["HostConfig"] ?? {};
  if (!isObject(host)) return { ok: false, reasons: [notAnObject()] };
  const reasons: Text[] = [...misspelled(raw, CONFIG_FIELDS), ...misspelled(host, HOST_FIELDS)];
  for (const [field, value] of Object.entries(raw)) {
    if (!CONFIG_FIELDS.has(field) && !isInert(value) && !isVariantOf(field, CONFIG_FIELDS)) reasons.push(unknownSetting(field));
  }
  const binds = checkBinds(host["Binds"], scope);
  const mounts = checkMounts(host["Mounts"], scope);
  reasons.push(...binds.reasons, ...mounts.reasons);
  const volumesFrom = stringList(host["VolumesFrom"]).map((entry) => entry.replace(/:(ro|rw)$/, ""));
  for (const [field, value] of Object.entries(host)) if (!isVariantOf(field, HOST_FIELDS)) reasons.push(...hostFieldProblems(field, value));
  reasons.push(...networkProblems(host["NetworkMode"], raw["NetworkingConfig"]));
  if (reasons.length > 0) return { ok: false, reasons };
  return {
    ok: true,
    value: {
      body: {
        ...raw,
        Labels: { ...(isObject(raw["Labels"]) ? raw["Labels"] : {}), ...scope.labels, [SCRIPT_CREATED_LABEL]: "true" },
        HostConfig: { ...host, ...ceilings(host), NetworkMode: "none", SecurityOpt: ["no-new-privileges"] },
        NetworkingConfig: { EndpointsConfig: {} },
      },
      containers: volumesFrom,
      volumes: [...new Set([...binds.volumes, ...mounts.volumes])],
    },
  };
}

/** `docker exec`: anything but --privileged, on a container of the run (checked by the proxy). */
export function checkExecCreate(raw: unknown): BodyVerdict<Json> {
  if (!isObject(raw)) return { ok: false, reasons: [notAnObject()] };
  const reasons = [...misspelled(raw, EXEC_FIELDS), ...(raw["Privileged"] ? [hostPower("docker exec --privileged")] : [])];
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, value: raw };
}

/** `docker volume create`: the local driver without options (those can bind any host folder). */
export function checkVolumeCreate(raw: unknown, scope: ProxyScope): BodyVerdict<{ body: Json; name?: string }> {
  if (!isObject(raw)) return { ok: false, reasons: [notAnObject()] };
  const reasons: Text[] = misspelled(raw, VOLUME_FIELDS);
  const driver = raw["Driver"];
  if (!isInert(driver) && driver !== "local") reasons.push(refusedSetting(`--driver ${String(driver)}`, DRIVER_WHY));
  if (!isInert(raw["DriverOpts"])) reasons.push(refusedSetting("--opt", DRIVER_WHY));
  if (!isInert(raw["ClusterVolumeSpec"])) reasons.push(unknownSetting("ClusterVolumeSpec"));
  const name = typeof raw["Name"] === "string" && raw["Name"] !== "" ? raw["Name"] : undefined;
  const nameProblem = name === undefined ? undefined : volumeNameProblem(name);
  if (nameProblem) reasons.push(nameProblem);
  if (reasons.length > 0) return { ok: false, reasons };
  const labels = { ...(isObject(raw["Labels"]) ? raw["Labels"] : {}), ...scope.labels, [SCRIPT_CREATED_LABEL]: "true" };
  return { ok: true, value: { body: { ...raw, Labels: labels }, ...(name === undefined ? {} : { name }) } };
}

const DRIVER_WHY = text(
  "les options de pilote d'un volume (type=none, o=bind, device=…) montent un dossier de l'hôte",
  "a volume's driver options (type=none, o=bind, device=…) mount a host folder",
);

function hostFieldProblems(field: string, value: unknown): Text[] {
  if (field === "Binds" || field === "Mounts" || field === "VolumesFrom" || field === "NetworkMode") return [];
  if (FREE_HOST_FIELDS.has(field)) return [];
  if (CEILING_FIELDS.has(field)) {
    const type = isObject(value) ? value["Type"] : undefined;
    return field === "LogConfig" && !isInert(type) && type !== "json-file" && type !== "local" ? [refusedSetting(`--log-driver ${String(type)}`, LOG_WHY)] : [];
  }
  const allowed = NAMESPACE_FIELDS[field];
  if (allowed) return isInert(value) || allowed.includes(String(value)) ? [] : [hostNamespace(`${FLAGS[field] ?? field} ${String(value)}`)];
  // An empty list here is not a default: it lifts the masking of /proc and /sys.
  if (field === "MaskedPaths" || field === "ReadonlyPaths") return value === null || value === undefined ? [] : [hostPower(FLAGS[field] as string)];
  if (field === "SecurityOpt")
    return stringList(value)
      .filter((option) => !/^no-new-privileges([:=]true)?$/.test(option))
      .map((option) => hostPower(`--security-opt ${option}`));
  if (field === "RestartPolicy") {
    const policy = isObject(value) ? value : {};
    const name = policy["Name"];
    return [...misspelled(policy, RESTART_FIELDS), ...(isInert(name) || name === "no" ? [] : [refusedSetting(`--restart ${String(name)}`, RESTART_WHY)])];
  }
  if (field === "OomScoreAdj") return typeof value === "number" && value < 0 ? [refusedSetting(`--oom-score-adj ${value}`, OOM_WHY)] : [];
  if (field === "Isolation") return isInert(value) || value === "default" ? [] : [unknownSetting(`--isolation ${String(value)}`)];
  if (isInert(value)) return [];
  const flag = FLAGS[field] ?? field;
  return [HOST_POWERS.has(field) ? hostPower(flag) : unknownSetting(flag)];
}

function networkProblems(mode: unknown, networking: unknown): Text[] {
  const endpoints = isObject(networking) && isObject(networking["EndpointsConfig"]) ? Object.keys(networking["EndpointsConfig"]) : [];
  const asked = [...new Set([String(mode ?? ""), ...endpoints])];
  return asked.flatMap((network) => {
    if (NO_NETWORK.has(network)) return [];
    if (network === "host" || network.startsWith("container:")) return [hostNamespace(`--network ${network}`)];
    return [
      text(
        `--network ${network} : les conteneurs utilitaires d'un script n'ont pas de réseau (ils tournent en --network none).`,
        `--network ${network}: a script's helper containers have no network (they run with --network none).`,
      ),
    ];
  });
}

/** The run's ceilings, or the student's value where it is lower. No swap: MemorySwap equals Memory. */
function ceilings(host: Json): Json {
  const ceiling = limitedHostConfig(DEFAULT_CONTAINER_LIMITS);
  const lower = (asked: unknown, limit: number | undefined) => (typeof asked === "number" && asked > 0 && limit !== undefined ? Math.min(asked, limit) : limit);
  const memory = lower(host["Memory"], ceiling.Memory);
  return {
    Memory: memory,
    MemorySwap: memory,
    NanoCpus: lower(host["NanoCpus"], ceiling.NanoCpus),
    PidsLimit: lower(host["PidsLimit"], ceiling.PidsLimit),
    LogConfig: ceiling.LogConfig,
  };
}

const LOG_WHY = text("un pilote de journaux peut envoyer des données hors de la machine", "a logging driver can send data off the machine");
const RESTART_WHY = text("un conteneur utilitaire fait son travail une fois, puis s'arrête", "a helper container does its job once, then stops");
const OOM_WHY = text(
  "un conteneur utilitaire ne doit pas passer avant le reste de la machine",
  "a helper container must not come before the rest of the machine",
);

function hostPower(flag: string): Text {
  return text(
    `${flag} : refusé, cela donne au conteneur des pouvoirs sur la machine hôte ; un script de sauvegarde n'en a pas besoin.`,
    `${flag}: refused, it gives the container powers over the host machine; a backup script does not need it.`,
  );
}

function hostNamespace(flag: string): Text {
  return text(
    `${flag} : refusé, le conteneur partagerait un espace de noms de l'hôte ou d'un autre conteneur.`,
    `${flag}: refused, the container would share a namespace of the host or of another container.`,
  );
}

function refusedSetting(flag: string, why: Text): Text {
  return text(`${flag} : refusé, ${why.fr}.`, `${flag}: refused, ${why.en}.`);
}

function unknownSetting(flag: string): Text {
  return text(
    `${flag} : refusé dans le bac à sable des scripts ; un script de sauvegarde n'en a pas besoin.`,
    `${flag}: refused in the scripts' sandbox; a backup script does not need it.`,
  );
}

function notAnObject(): Text {
  return text("le corps de la requête n'est pas un objet JSON.", "the request's body is not a JSON object.");
}

/**
 * Keys that name a known field in another case. The engine decodes JSON the way Go does: field
 * names match whatever their case, and the last key wins; `{"Privileged": false, "privileged": true}`
 * would be read as privileged while the rules saw `false`. Go also folds two non-ASCII letters
 * (ſ to s, the Kelvin sign to k): a key that is not plain ASCII is refused outright.
 */
export function misspelled(object: Json, known: ReadonlySet<string>): Text[] {
  return Object.keys(object).flatMap((key) => {
    if (!isVariantOf(key, known)) return [];
    const meant = [...known].find((field) => field.toLowerCase() === key.toLowerCase());
    return [
      meant === undefined
        ? text(`« ${key} » : nom de champ refusé.`, `"${key}": field name refused.`)
        : text(`« ${key} » : refusé, écrivez « ${meant} ».`, `"${key}": refused, write "${meant}".`),
    ];
  });
}

function isVariantOf(key: string, known: ReadonlySet<string>): boolean {
  if (known.has(key)) return false;
  return /[^\x20-\x7e]/.test(key) || [...known].some((field) => field.toLowerCase() === key.toLowerCase());
}

/** Left at what the docker CLI sends when the option is not given: nothing, zero, false, empty. */
export function isInert(value: unknown): boolean {
  if (value === undefined || value === null || value === "" || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.values(value).every(isInert);
  return false;
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
