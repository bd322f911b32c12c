import { basename } from "node:path";
import { text, type Text } from "../../kernel/text.ts";
import type { ProxyScope } from "./api-proxy-scope.ts";

/**
 * What a script's helper container may mount: named volumes (the proxy then checks they are the
 * run's), tmpfs, and from the host only the folders of the scope, by their exact path. Not a
 * folder below them: the script (or a helper) can replace one of those with a symbolic link to /
 * between the check and the mount, and the engine would follow it. The folders themselves are
 * mount points in the script's container and cannot be replaced. Pure.
 */

export interface MountsVerdict {
  readonly reasons: readonly Text[];
  /** Named volumes mounted. */
  readonly volumes: readonly string[];
}

/** `-v src:dst:options`: options that change how a bind is seen, never what it reaches. */
const BIND_OPTIONS = new Set(["ro", "rw", "z", "Z", "nocopy", "private", "rprivate", "consistent", "cached", "delegated"]);
const PROPAGATIONS = new Set(["", "private", "rprivate"]);
/**
 * The fields of a mount and of its options, spelled exactly: anything else is refused, since the
 * engine reads `source` as `Source` and `options` as `Options` (Go's JSON decoding ignores case).
 */
const MOUNT_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  mount: new Set(["Type", "Source", "Target", "ReadOnly", "Consistency", "BindOptions", "VolumeOptions", "TmpfsOptions"]),
  BindOptions: new Set(["Propagation", "NonRecursive", "CreateMountpoint", "ReadOnlyNonRecursive", "ReadOnlyForceRecursive"]),
  VolumeOptions: new Set(["NoCopy", "Labels", "Subpath", "DriverConfig"]),
  DriverConfig: new Set(["Name", "Options"]),
  TmpfsOptions: new Set(["SizeBytes", "Mode", "Options"]),
};
/** The engine's rule for volume names. */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** HostConfig.Binds: `-v source:target[:options]`. */
export function checkBinds(value: unknown, scope: ProxyScope): MountsVerdict {
  const reasons: Text[] = [];
  const volumes: string[] = [];
  for (const bind of Array.isArray(value) ? value.map(String) : []) {
    const [source = "", , options, ...rest] = bind.split(":");
    if (rest.length > 0 || !bind.includes(":")) {
      reasons.push(text(`-v ${bind} : format illisible (source:cible[:options]).`, `-v ${bind}: unreadable (source:target[:options]).`));
      continue;
    }
    for (const option of options?.split(",") ?? []) {
      if (!BIND_OPTIONS.has(option)) reasons.push(text(`-v ${bind} : option « ${option} » refusée.`, `-v ${bind}: option "${option}" refused.`));
    }
    const problem = sourceProblem(`-v ${source}`, source, scope);
    if (problem) reasons.push(problem);
    else if (!source.startsWith("/")) volumes.push(source);
  }
  return { reasons, volumes };
}

/** HostConfig.Mounts: `--mount type=…,source=…,target=…`. */
export function checkMounts(value: unknown, scope: ProxyScope): MountsVerdict {
  const reasons: Text[] = [];
  const volumes: string[] = [];
  for (const mount of Array.isArray(value) ? value : []) {
    const entry = asObject(mount);
    const type = String(entry["Type"] ?? "");
    const source = typeof entry["Source"] === "string" ? entry["Source"] : "";
    const flag = `--mount type=${type},source=${source}`;
    const volumeOptions = asObject(entry["VolumeOptions"]);
    const stray = [
      ...strayFields(entry, "mount"),
      ...strayFields(asObject(entry["BindOptions"]), "BindOptions"),
      ...strayFields(volumeOptions, "VolumeOptions"),
      ...strayFields(asObject(volumeOptions["DriverConfig"]), "DriverConfig"),
      ...strayFields(asObject(entry["TmpfsOptions"]), "TmpfsOptions"),
    ];
    if (stray.length > 0) {
      reasons.push(text(`${flag} : champ(s) inconnu(s) ${stray.join(", ")}.`, `${flag}: unknown field(s) ${stray.join(", ")}.`));
      continue;
    }
    if (type === "tmpfs") continue;
    if (type === "bind") {
      const propagation = (entry["BindOptions"] as { Propagation?: unknown } | undefined)?.Propagation ?? "";
      if (!PROPAGATIONS.has(String(propagation)))
        reasons.push(text(`${flag} : propagation ${String(propagation)} refusée.`, `${flag}: propagation ${String(propagation)} refused.`));
      const problem = source.startsWith("/") ? sourceProblem(flag, source, scope) : notAbsolute(flag);
      if (problem) reasons.push(problem);
    } else if (type === "volume") {
      const driver = (entry["VolumeOptions"] as { DriverConfig?: { Name?: unknown; Options?: unknown } } | undefined)?.DriverConfig;
      const options = driver?.Options;
      if ((driver?.Name ?? "") !== "" && driver?.Name !== "local") reasons.push(volumeDriver(flag));
      else if (options && typeof options === "object" && Object.keys(options).length > 0) reasons.push(volumeDriver(flag));
      if (source === "") continue;
      const problem = source.startsWith("/")
        ? text(`${flag} : un volume a un nom, pas un chemin.`, `${flag}: a volume has a name, not a path.`)
        : volumeNameProblem(source);
      if (problem) reasons.push(problem);
      else volumes.push(source);
    } else {
      reasons.push(text(`${flag} : ce type de montage est refusé.`, `${flag}: this kind of mount is refused.`));
    }
  }
  return { reasons, volumes };
}

function strayFields(object: Record<string, unknown>, kind: string): string[] {
  const known = MOUNT_FIELDS[kind] ?? new Set<string>();
  return Object.keys(object).filter((key) => !known.has(key));
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function volumeNameProblem(name: string): Text | undefined {
  if (VOLUME_NAME.test(name)) return undefined;
  return text(`« ${name} » n'est ni un nom de volume ni un chemin absolu.`, `"${name}" is neither a volume name nor an absolute path.`);
}

/** A host path (absolute) must be one of the bindable folders, written as it is; anything else is a volume name. */
function sourceProblem(flag: string, source: string, scope: ProxyScope): Text | undefined {
  if (!source.startsWith("/")) return volumeNameProblem(source);
  const trimmed = source.length > 1 ? source.replace(/\/+$/, "") : source;
  if (scope.bindable.some((folder) => folder.path === trimmed)) return undefined;
  if (/docker\.sock$|containerd\.sock$/.test(basename(trimmed)) || /^\/(var\/)?run\/?$/.test(trimmed)) {
    return text(
      `${flag} : refusé, le socket du moteur Docker donne le contrôle de toute la machine hôte. Le script parle déjà au moteur par $DOCKER_HOST.`,
      `${flag}: refused, the Docker engine's socket gives control of the whole host machine. The script already talks to the engine through $DOCKER_HOST.`,
    );
  }
  const allowed = (lang: "fr" | "en") => scope.bindable.map((folder) => `${folder.name[lang]} (${folder.path})`).join(lang === "fr" ? " et " : " and ");
  return text(
    `${flag} : refusé, un conteneur utilitaire ne peut monter de l'hôte que ${allowed("fr")}, tels quels (pas un sous-dossier ni un autre chemin).`,
    `${flag}: refused, a helper container can only mount ${allowed("en")} from the host, as they are (not a folder below them nor another path).`,
  );
}

function notAbsolute(flag: string): Text {
  return text(`${flag} : la source d'un montage bind est un chemin absolu.`, `${flag}: a bind mount's source is an absolute path.`);
}

function volumeDriver(flag: string): Text {
  return text(
    `${flag} : refusé, les options de pilote d'un volume (type=none, o=bind, device=…) montent un dossier de l'hôte.`,
    `${flag}: refused, a volume's driver options (type=none, o=bind, device=…) mount a host folder.`,
  );
}
