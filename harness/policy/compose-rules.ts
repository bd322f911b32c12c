import { text, type Text } from "../kernel/text.ts";
import type { PolicyViolation } from "./violation.ts";

/**
 * Every Compose setting the sandbox policy refuses, by stable id. An exercise that needs one names
 * its id in `policy.allow` (exercise.yaml); `cap-add` is narrowed by `policy.capAdd` instead.
 * `cis` is the recommendation of the CIS Docker Benchmark v1.6.0 the rule follows, where one does.
 */
export interface ComposeRule {
  readonly cis?: string;
  /** What is refused and why, as one sentence the student reads next to the file and line. */
  readonly message: Text;
}

export const COMPOSE_RULES = {
  "compose-too-large": {
    message: text(
      "Fichier Compose trop gros pour être un fichier écrit à la main : le correcteur ne le lit pas.",
      "Compose file too large to be hand-written: the grader does not read it.",
    ),
  },
  "not-utf8": {
    message: text(
      "Le fichier n'est pas du texte UTF-8 : enregistrez-le en UTF-8 (c'est ce que Compose attend).",
      "The file is not UTF-8 text: save it as UTF-8 (which is what Compose expects).",
    ),
  },
  "not-yaml": {
    message: text("Le fichier n'est pas du YAML valide : Compose ne pourrait pas le lire.", "The file is not valid YAML: Compose could not read it."),
  },
  "yaml-aliases": {
    message: text(
      "Trop d'alias YAML (*ancre) : leur expansion ferait exploser la mémoire (« billion laughs »). Écrivez les valeurs ou utilisez moins d'alias.",
      'Too many YAML aliases (*anchor): expanding them would blow up memory ("billion laughs"). Write the values out or use fewer aliases.',
    ),
  },
  privileged: {
    cis: "5.5",
    message: text(
      "Un conteneur (ou une construction) privilégié a presque tous les droits de l'hôte : refusé.",
      "A privileged container (or build) has almost every right of the host: refused.",
    ),
  },
  "cap-add": {
    cis: "5.4",
    message: text(
      "Capacité Linux ajoutée que l'exercice n'autorise pas : retirez-la de `cap_add`.",
      "Linux capability added that the exercise does not allow: remove it from `cap_add`.",
    ),
  },
  "host-network": {
    cis: "5.10",
    message: text(
      "Le service partage le réseau de l'hôte, d'un conteneur ou d'un réseau hors du projet : il doit rester sur les réseaux du projet.",
      "The service shares the network of the host, of a container or of a network outside the project: it must stay on the project's networks.",
    ),
  },
  "host-pid": {
    cis: "5.16",
    message: text(
      "Le service partage l'espace de processus de l'hôte ou d'un conteneur hors du projet.",
      "The service shares the process namespace of the host or of a container outside the project.",
    ),
  },
  "host-ipc": {
    cis: "5.17",
    message: text(
      "Le service partage l'IPC de l'hôte ou d'un conteneur hors du projet.",
      "The service shares the IPC namespace of the host or of a container outside the project.",
    ),
  },
  "host-uts": {
    cis: "5.21",
    message: text("Le service partage le nom d'hôte (UTS) de l'hôte.", "The service shares the host's UTS namespace (hostname)."),
  },
  "host-userns": {
    cis: "5.31",
    message: text("Le service partage l'espace des utilisateurs de l'hôte.", "The service shares the host's user namespace."),
  },
  "host-cgroup": {
    message: text("Le service partage l'espace cgroup de l'hôte.", "The service shares the host's cgroup namespace."),
  },
  devices: {
    cis: "5.18",
    message: text("Un périphérique de l'hôte serait exposé au conteneur.", "A host device would be exposed to the container."),
  },
  gpus: {
    cis: "5.18",
    message: text(
      "Les GPU et périphériques réservés de l'hôte ne sont pas prêtés aux rendus.",
      "The host's GPUs and reserved devices are not lent to submissions.",
    ),
  },
  seccomp: {
    cis: "5.22",
    message: text(
      "Le profil seccomp par défaut serait désactivé ou remplacé : il filtre les appels système dangereux.",
      "The default seccomp profile would be disabled or replaced: it filters dangerous system calls.",
    ),
  },
  apparmor: {
    cis: "5.2",
    message: text("AppArmor serait désactivé pour ce conteneur.", "AppArmor would be disabled for this container."),
  },
  "selinux-label": {
    cis: "5.3",
    message: text("Le confinement SELinux serait désactivé pour ce conteneur.", "SELinux confinement would be disabled for this container."),
  },
  systempaths: {
    message: text(
      "`systempaths=unconfined` démasquerait /proc et /sys de l'hôte dans le conteneur.",
      "`systempaths=unconfined` would unmask the host's /proc and /sys paths in the container.",
    ),
  },
  sysctls: {
    message: text(
      "Les paramètres noyau (`sysctls`) ne se règlent pas depuis un rendu : retirez-les.",
      "Kernel parameters (`sysctls`) are not set from a submission: remove them.",
    ),
  },
  "cgroup-parent": {
    cis: "5.25",
    message: text(
      "`cgroup_parent` sortirait le conteneur du cgroup où le correcteur borne ses ressources.",
      "`cgroup_parent` would take the container out of the cgroup where the grader bounds its resources.",
    ),
  },
  runtime: {
    message: text("Le runtime des conteneurs est celui du correcteur : retirez `runtime`.", "The container runtime is the grader's choice: remove `runtime`."),
  },
  "bind-outside": {
    cis: "5.6",
    message: text(
      "Montage bind d'un chemin de l'hôte hors du dossier rendu : le conteneur lirait ou modifierait la machine du correcteur. Montez un dossier de votre rendu (./…) ou un volume nommé.",
      "Bind mount of a host path outside the submission folder: the container would read or change the grader's machine. Mount a folder of your submission (./…) or a named volume.",
    ),
  },
  "engine-socket": {
    cis: "5.32",
    message: text(
      "La socket du moteur Docker donnerait au conteneur le contrôle de l'hôte : elle n'est jamais montée.",
      "The Docker engine's socket would give the container control of the host: it is never mounted.",
    ),
  },
  "mount-propagation": {
    cis: "5.20",
    message: text(
      "Propagation de montage partagée (`shared`/`rshared`) : les montages du conteneur se propageraient à l'hôte.",
      "Shared mount propagation (`shared`/`rshared`): the container's mounts would propagate to the host.",
    ),
  },
  "volumes-from": {
    message: text(
      "`volumes_from` vers un conteneur hors du projet : ses données ne sont pas celles du rendu.",
      "`volumes_from` pointing at a container outside the project: its data is not the submission's.",
    ),
  },
  "volume-device": {
    cis: "5.6",
    message: text(
      "Un volume avec `driver_opts.device` monterait un chemin de l'hôte ou un partage réseau : utilisez un volume nommé simple.",
      "A volume with `driver_opts.device` would mount a host path or a network share: use a plain named volume.",
    ),
  },
  "volume-driver": {
    message: text("Seul le pilote de volume `local` est utilisé pour noter.", "Only the `local` volume driver is used for grading."),
  },
  "network-driver": {
    message: text(
      "Seuls les réseaux `bridge` du projet sont utilisés pour noter (macvlan, ipvlan ou host mettraient les conteneurs sur le réseau de l'hôte).",
      "Only the project's `bridge` networks are used for grading (macvlan, ipvlan or host would put containers on the host's network).",
    ),
  },
  "external-volume": {
    message: text(
      "Volume externe : il appartient à la machine, pas au projet. Déclarez un volume du projet.",
      "External volume: it belongs to the machine, not to the project. Declare a project volume.",
    ),
  },
  "external-network": {
    message: text(
      "Réseau externe : il appartient à la machine, pas au projet. Déclarez un réseau du projet.",
      "External network: it belongs to the machine, not to the project. Declare a project network.",
    ),
  },
  "build-outside": {
    message: text(
      "Contexte de construction, Dockerfile ou contexte additionnel hors du dossier rendu, ou distant (URL, git, image) : la construction ne lit que le rendu.",
      "Build context, Dockerfile or additional context outside the submission folder, or remote (URL, git, image): the build reads the submission only.",
    ),
  },
  "build-network-host": {
    message: text("`build.network: host` donnerait aux étapes RUN le réseau de l'hôte.", "`build.network: host` would give RUN steps the host's network."),
  },
  "build-ssh": {
    message: text("`build.ssh` transmettrait l'agent SSH du correcteur à la construction.", "`build.ssh` would forward the grader's SSH agent to the build."),
  },
  "build-cache": {
    message: text(
      "`cache_from`/`cache_to` lirait ou écrirait un cache hors du rendu (dossier de l'hôte ou registre).",
      "`cache_from`/`cache_to` would read or write a cache outside the submission (a host folder or a registry).",
    ),
  },
  "env-file-outside": {
    message: text(
      "Fichier d'environnement hors du dossier rendu (ou dont le chemin dépend d'une variable) : Compose le lirait sur la machine du correcteur.",
      "Environment file outside the submission folder (or whose path depends on a variable): Compose would read it on the grader's machine.",
    ),
  },
  "include-outside": {
    message: text(
      "`include` d'un fichier hors du dossier rendu ou distant : Compose ne lit que les fichiers du rendu.",
      "`include` of a file outside the submission folder, or remote: Compose reads the submission's files only.",
    ),
  },
  "extends-outside": {
    message: text(
      "`extends` d'un fichier hors du dossier rendu ou distant : Compose ne lit que les fichiers du rendu.",
      "`extends` from a file outside the submission folder, or remote: Compose reads the submission's files only.",
    ),
  },
  "secret-outside": {
    message: text(
      "Secret lu hors du dossier rendu (fichier de l'hôte ou variable d'environnement du correcteur) : mettez le fichier dans votre rendu.",
      "Secret read outside the submission folder (a host file or the grader's environment variable): put the file in your submission.",
    ),
  },
  "config-outside": {
    message: text(
      "Config lue hors du dossier rendu (fichier de l'hôte ou variable d'environnement du correcteur) : mettez le fichier dans votre rendu.",
      "Config read outside the submission folder (a host file or the grader's environment variable): put the file in your submission.",
    ),
  },
  "logging-driver": {
    message: text(
      "Pilote de journaux autre que `json-file` ou `local` : les journaux partiraient hors de la machine ou ne se liraient plus.",
      "Logging driver other than `json-file` or `local`: logs would leave the machine or could no longer be read.",
    ),
  },
  "use-api-socket": {
    cis: "5.32",
    message: text(
      "`use_api_socket` donnerait au conteneur la socket du moteur Docker.",
      "`use_api_socket` would give the container the Docker engine's socket.",
    ),
  },
  provider: {
    message: text(
      "Un service `provider` lancerait un programme de l'hôte au lieu d'un conteneur.",
      "A `provider` service would run a program of the host instead of a container.",
    ),
  },
} as const satisfies Record<string, ComposeRule>;

export type ComposeRuleId = keyof typeof COMPOSE_RULES;

/** The violation of a rule at a place; `detail` (a resolved path, a capability) is appended to the rule's sentence. */
export function composeViolation(
  rule: ComposeRuleId,
  place: { readonly file: string; readonly line?: number | undefined },
  setting: string,
  detail?: string | Text,
): PolicyViolation {
  const { message } = COMPOSE_RULES[rule];
  const cis = (COMPOSE_RULES[rule] as ComposeRule).cis;
  const suffix = (lang: "fr" | "en") => (detail === undefined ? "" : ` (${typeof detail === "string" ? detail : detail[lang]})`);
  return {
    rule,
    file: place.file,
    ...(place.line !== undefined ? { line: place.line } : {}),
    setting,
    message: text(`${message.fr}${suffix("fr")}`, `${message.en}${suffix("en")}`),
    ...(cis ? { cis } : {}),
  };
}
