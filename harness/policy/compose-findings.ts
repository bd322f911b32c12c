import { resolve } from "node:path";
import type { KeyPath } from "../compose/key-lines.ts";
import type { Text } from "../kernel/text.ts";
import type { ComposeRuleId } from "./compose-rules.ts";
import { isRemoteReference } from "./host-paths.ts";

/** Where a value sits in a Compose document: `["services", "web", "cap_add", 0]`. */
export type { KeyPath };

/** A refused setting, not yet placed in a file. */
export interface Finding {
  readonly rule: ComposeRuleId;
  readonly at: KeyPath;
  /** The setting as the scanned document holds it: `services.web.privileged: true`. */
  readonly setting: string;
  /** Text the offending list item contains, to find it in a file whose list is ordered differently. */
  readonly match?: string;
  /** What makes it refused, when the setting alone does not say: a resolved path, a capability. */
  readonly detail?: string | Text;
}

/** A host path the project would use, judged later against the file system (host-paths.ts). */
export interface HostPathUse {
  /** The rule it breaks when it leads outside the submission or is remote. */
  readonly rule: ComposeRuleId;
  readonly at: KeyPath;
  readonly setting: string;
  readonly match?: string;
  readonly path: string;
  /** The directory a relative path resolves against. */
  readonly base: string;
  /**
   * Compose reads the file while resolving the project (env files, `include`, `extends`): a path
   * holding a variable cannot wait for the interpolated model to be judged.
   */
  readonly readByCompose: boolean;
  /** A bind mount: an engine socket is refused even inside the submission. */
  readonly bind: boolean;
}

export interface ScanContext {
  /** The directory relative paths resolve against: the project directory, or an included file's. */
  readonly base: string;
  /** Capabilities the exercise lets `cap_add` name (without the `CAP_` prefix). */
  readonly capAdd: readonly string[];
  /** Every service of the project, across its files: `service:<name>` inside it is fine. */
  readonly services: ReadonlySet<string>;
}

export interface Scan {
  readonly findings: readonly Finding[];
  readonly hostPaths: readonly HostPathUse[];
}

/**
 * Every refused setting of a Compose document, raw (as the student wrote it, short syntaxes
 * included) or resolved by `docker compose config` (long syntaxes, absolute paths). Pure.
 */
export function scanCompose(data: unknown, context: ScanContext): Scan {
  const scan = { findings: [] as Finding[], hostPaths: [] as HostPathUse[] };
  const project = asRecord(data);
  if (!project) return scan;
  for (const [name, service] of Object.entries(asRecord(project["services"]) ?? {})) {
    const record = asRecord(service);
    if (record) scanService(name, record, context, scan);
  }
  scanInclude(project["include"], context, scan);
  scanVolumes(asRecord(project["volumes"]) ?? {}, scan);
  scanNetworks(asRecord(project["networks"]) ?? {}, scan);
  scanFileSources("secrets", "secret-outside", asRecord(project["secrets"]) ?? {}, context, scan);
  scanFileSources("configs", "config-outside", asRecord(project["configs"]) ?? {}, context, scan);
  return scan;
}

type Sink = { findings: Finding[]; hostPaths: HostPathUse[] };

const LOG_DRIVERS = new Set(["json-file", "local", "none"]);

function scanService(name: string, service: Record<string, unknown>, context: ScanContext, sink: Sink): void {
  const at = (...keys: (string | number)[]): KeyPath => ["services", name, ...keys];
  const flag = (rule: ComposeRuleId, keys: (string | number)[], value: unknown, extra: Partial<Pick<Finding, "match" | "detail">> = {}) =>
    sink.findings.push({ rule, at: at(...keys), setting: settingOf(at(...keys), value), ...extra });
  const usePath = (
    rule: ComposeRuleId,
    keys: (string | number)[],
    path: string,
    options: { base?: string; readByCompose?: boolean; bind?: boolean; value?: unknown } = {},
  ) =>
    sink.hostPaths.push({
      rule,
      at: at(...keys),
      setting: settingOf(at(...keys), options.value ?? path),
      match: path,
      path,
      base: options.base ?? context.base,
      readByCompose: options.readByCompose ?? false,
      bind: options.bind ?? false,
    });
  const inProject = (mode: string) => mode.startsWith("service:") && context.services.has(mode.slice("service:".length));
  const sharedOutside = (mode: string | undefined) =>
    mode !== undefined && (mode === "host" || mode.startsWith("container:") || (mode.startsWith("service:") && !inProject(mode)));

  if (isTrue(service["privileged"])) flag("privileged", ["privileged"], service["privileged"]);
  const allowed = new Set(context.capAdd.map(capabilityName));
  asList(service["cap_add"]).forEach((cap, index) => {
    const capability = capabilityName(String(cap));
    if (!allowed.has(capability)) flag("cap-add", ["cap_add", index], cap, { match: String(cap), detail: capability });
  });

  // Only `none` or another service of the project: `host`, `container:…`, `bridge` or a network by name leave it.
  const networkMode = stringOf(service["network_mode"]);
  if (networkMode && networkMode !== "none" && !inProject(networkMode)) flag("host-network", ["network_mode"], networkMode);
  if (sharedOutside(stringOf(service["pid"]))) flag("host-pid", ["pid"], service["pid"]);
  if (sharedOutside(stringOf(service["ipc"]))) flag("host-ipc", ["ipc"], service["ipc"]);
  if (stringOf(service["uts"]) === "host") flag("host-uts", ["uts"], service["uts"]);
  if (stringOf(service["userns_mode"]) === "host") flag("host-userns", ["userns_mode"], service["userns_mode"]);
  if (stringOf(service["cgroup"]) === "host") flag("host-cgroup", ["cgroup"], service["cgroup"]);

  asList(service["devices"]).forEach((device, index) => flag("devices", ["devices", index], device, { match: deviceSource(device) }));
  if (asList(service["device_cgroup_rules"]).length > 0) flag("devices", ["device_cgroup_rules"], service["device_cgroup_rules"]);
  if (isPresent(service["gpus"])) flag("gpus", ["gpus"], service["gpus"]);
  const reserved = asRecord(asRecord(asRecord(service["deploy"])?.["resources"])?.["reservations"])?.["devices"];
  if (asList(reserved).length > 0) flag("gpus", ["deploy", "resources", "reservations", "devices"], reserved);

  asList(service["security_opt"]).forEach((option, index) => {
    const rule = securityOptRule(String(option));
    if (rule) flag(rule, ["security_opt", index], option, { match: String(option) });
  });
  if (isPresent(service["sysctls"])) flag("sysctls", ["sysctls"], service["sysctls"]);
  if (isPresent(service["cgroup_parent"])) flag("cgroup-parent", ["cgroup_parent"], service["cgroup_parent"]);
  if (isPresent(service["runtime"])) flag("runtime", ["runtime"], service["runtime"]);

  asList(service["volumes"]).forEach((volume, index) => {
    const mount = mountOf(volume);
    if (!mount) return;
    if (mount.type === "bind" || mount.type === "npipe") usePath("bind-outside", ["volumes", index], mount.source, { bind: true, value: volume });
    if (mount.propagation === "shared" || mount.propagation === "rshared") flag("mount-propagation", ["volumes", index], volume, { match: mount.source });
  });
  asList(service["volumes_from"]).forEach((entry, index) => {
    const source = String(entry).replace(/:(ro|rw)$/, "");
    if (source.startsWith("container:") || !context.services.has(source.replace(/^service:/, ""))) {
      flag("volumes-from", ["volumes_from", index], entry, { match: String(entry) });
    }
  });
  envFiles(service["env_file"]).forEach(({ path, keys }) => usePath("env-file-outside", ["env_file", ...keys], path, { readByCompose: true }));

  scanBuild(service["build"], { flag, usePath, context });

  const extendsFile = stringOf(asRecord(service["extends"])?.["file"]);
  if (extendsFile) usePath("extends-outside", ["extends", "file"], extendsFile, { readByCompose: true });
  const logDriver = stringOf(asRecord(service["logging"])?.["driver"]);
  if (logDriver && !LOG_DRIVERS.has(logDriver)) flag("logging-driver", ["logging", "driver"], logDriver);
  if (isTrue(service["use_api_socket"])) flag("use-api-socket", ["use_api_socket"], service["use_api_socket"]);
  if (isPresent(service["provider"])) flag("provider", ["provider"], service["provider"]);
}

interface BuildTools {
  flag(rule: ComposeRuleId, keys: (string | number)[], value: unknown, extra?: Partial<Pick<Finding, "match" | "detail">>): void;
  usePath(rule: ComposeRuleId, keys: (string | number)[], path: string, options?: { base?: string }): void;
  readonly context: ScanContext;
}

function scanBuild(build: unknown, { flag, usePath, context }: BuildTools): void {
  if (typeof build === "string") {
    usePath("build-outside", ["build"], build);
    return;
  }
  const record = asRecord(build);
  if (!record) return;
  const buildContext = stringOf(record["context"]) ?? ".";
  usePath("build-outside", ["build", "context"], buildContext);
  const dockerfile = stringOf(record["dockerfile"]);
  // Compose reads `dockerfile` relative to the context; a remote context brings its own.
  if (dockerfile && !isRemoteReference(buildContext) && !isPresent(record["dockerfile_inline"])) {
    usePath("build-outside", ["build", "dockerfile"], dockerfile, { base: resolve(context.base, buildContext) });
  }
  for (const [name, source] of keyValues(record["additional_contexts"])) {
    if (!source.startsWith("service:")) usePath("build-outside", ["build", "additional_contexts", name], source);
  }
  if (stringOf(record["network"]) === "host") flag("build-network-host", ["build", "network"], record["network"]);
  if (isPresent(record["ssh"])) flag("build-ssh", ["build", "ssh"], record["ssh"]);
  if (isTrue(record["privileged"])) flag("privileged", ["build", "privileged"], record["privileged"]);
  if (isPresent(record["entitlements"])) flag("privileged", ["build", "entitlements"], record["entitlements"]);
  for (const key of ["cache_from", "cache_to"]) if (isPresent(record[key])) flag("build-cache", ["build", key], record[key]);
}

function scanInclude(include: unknown, context: ScanContext, sink: Sink): void {
  asList(include).forEach((entry, index) => {
    const use = (rule: ComposeRuleId, keys: (string | number)[], path: string) =>
      sink.hostPaths.push({
        rule,
        at: ["include", index, ...keys],
        setting: settingOf(["include", index, ...keys], path),
        match: path,
        path,
        base: context.base,
        readByCompose: true,
        bind: false,
      });
    if (typeof entry === "string") return use("include-outside", [], entry);
    const record = asRecord(entry);
    if (!record) return;
    const paths = record["path"];
    if (typeof paths === "string") use("include-outside", ["path"], paths);
    else asList(paths).forEach((path, position) => use("include-outside", ["path", position], String(path)));
    const projectDirectory = stringOf(record["project_directory"]);
    if (projectDirectory) use("include-outside", ["project_directory"], projectDirectory);
    const envFile = record["env_file"];
    if (typeof envFile === "string") use("env-file-outside", ["env_file"], envFile);
    else asList(envFile).forEach((path, position) => use("env-file-outside", ["env_file", position], String(path)));
  });
}

function scanVolumes(volumes: Record<string, unknown>, sink: Sink): void {
  for (const [name, value] of Object.entries(volumes)) {
    const volume = asRecord(value) ?? {};
    const at = (...keys: string[]): KeyPath => ["volumes", name, ...keys];
    if (isTrue(volume["external"]) || asRecord(volume["external"]))
      sink.findings.push({ rule: "external-volume", at: at("external"), setting: settingOf(at("external"), volume["external"]) });
    const driver = stringOf(volume["driver"]);
    if (driver && driver !== "local") sink.findings.push({ rule: "volume-driver", at: at("driver"), setting: settingOf(at("driver"), driver) });
    const options = asRecord(volume["driver_opts"]);
    // `type: tmpfs, device: tmpfs` is the usual in-memory volume; any other device is a host path or a share.
    if (options && isPresent(options["device"]) && stringOf(options["type"]) !== "tmpfs") {
      sink.findings.push({
        rule: "volume-device",
        at: at("driver_opts", "device"),
        setting: settingOf(at("driver_opts", "device"), options["device"]),
        detail: String(options["device"]),
      });
    }
  }
}

function scanNetworks(networks: Record<string, unknown>, sink: Sink): void {
  for (const [name, value] of Object.entries(networks)) {
    const network = asRecord(value) ?? {};
    const at = (...keys: string[]): KeyPath => ["networks", name, ...keys];
    if (isTrue(network["external"]) || asRecord(network["external"]))
      sink.findings.push({ rule: "external-network", at: at("external"), setting: settingOf(at("external"), network["external"]) });
    const driver = stringOf(network["driver"]);
    if (driver && driver !== "bridge") sink.findings.push({ rule: "network-driver", at: at("driver"), setting: settingOf(at("driver"), driver) });
  }
}

function scanFileSources(kind: "secrets" | "configs", rule: ComposeRuleId, sources: Record<string, unknown>, context: ScanContext, sink: Sink): void {
  for (const [name, value] of Object.entries(sources)) {
    const source = asRecord(value) ?? {};
    const file = stringOf(source["file"]);
    if (file) {
      const at: KeyPath = [kind, name, "file"];
      sink.hostPaths.push({ rule, at, setting: settingOf(at, file), match: file, path: file, base: context.base, readByCompose: false, bind: false });
    }
    const variable = stringOf(source["environment"]);
    if (variable)
      sink.findings.push({ rule, at: [kind, name, "environment"], setting: settingOf([kind, name, "environment"], variable), detail: `$${variable}` });
  }
}

/** `SYS_ADMIN`, `sys_admin` and `CAP_SYS_ADMIN` name the same capability. */
export function capabilityName(cap: string): string {
  return cap.trim().toUpperCase().replace(/^CAP_/, "");
}

function securityOptRule(option: string): ComposeRuleId | undefined {
  const [key = "", value = ""] = option.split(/[=:](.*)/s);
  switch (key.trim()) {
    case "seccomp":
      return "seccomp";
    case "apparmor":
      return value === "unconfined" ? "apparmor" : undefined;
    case "label":
      return value === "disable" || /type:(spc_t|unconfined_t)/.test(value) ? "selinux-label" : undefined;
    case "systempaths":
      return value === "unconfined" ? "systempaths" : undefined;
    default:
      return undefined;
  }
}

interface Mount {
  readonly type: string;
  readonly source: string;
  readonly propagation?: string;
}

/** A `volumes:` entry, short (`./data:/data:ro`) or long syntax; undefined for anonymous volumes. */
function mountOf(volume: unknown): Mount | undefined {
  if (typeof volume === "string") {
    const [source = "", target] = volume.split(":");
    if (target === undefined) return undefined;
    const bind = /^[./~]/.test(source) || source.includes("$");
    const propagation = volume
      .split(":")[2]
      ?.split(",")
      .find((option) => /^r?(shared|slave|private)$/.test(option));
    return { type: bind ? "bind" : "volume", source, ...(propagation ? { propagation } : {}) };
  }
  const record = asRecord(volume);
  const source = stringOf(record?.["source"]);
  if (!record || source === undefined) return undefined;
  const propagation = stringOf(asRecord(record["bind"])?.["propagation"]);
  return { type: stringOf(record["type"]) ?? "volume", source, ...(propagation ? { propagation } : {}) };
}

function deviceSource(device: unknown): string {
  return typeof device === "string" ? (device.split(":")[0] ?? device) : (stringOf(asRecord(device)?.["source"]) ?? JSON.stringify(device));
}

function envFiles(value: unknown): { path: string; keys: (string | number)[] }[] {
  if (typeof value === "string") return [{ path: value, keys: [] }];
  return asList(value).flatMap((entry, index) => {
    const path = typeof entry === "string" ? entry : stringOf(asRecord(entry)?.["path"]);
    return path === undefined ? [] : [{ path, keys: typeof entry === "string" ? [index] : [index, "path"] }];
  });
}

/** A map, or a list of `key=value` strings (Compose accepts both for several settings). */
function keyValues(value: unknown): [string, string][] {
  const record = asRecord(value);
  if (record) return Object.entries(record).map(([key, entry]) => [key, String(entry)]);
  return asList(value).map((entry) => {
    const [key = "", ...rest] = String(entry).split("=");
    return [key, rest.join("=")];
  });
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Compose casts `"true"` to a boolean; YAML 1.1 spellings are accepted by some parsers too. */
function isTrue(value: unknown): boolean {
  return value === true || (typeof value === "string" && /^(true|yes|on|y)$/i.test(value.trim()));
}

/** Set to something: not absent, not null, not an empty list, map or string. */
function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

function settingOf(at: KeyPath, value: unknown): string {
  const shown = typeof value === "string" ? value : JSON.stringify(value);
  const dotted = at.filter((key) => typeof key === "string").join(".");
  return `${dotted}: ${shown.length > 160 ? `${shown.slice(0, 157)}...` : shown}`;
}
