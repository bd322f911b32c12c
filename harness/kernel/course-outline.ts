import type { CourseRef } from "./check.ts";
import { text, type Text } from "./text.ts";

/** A chapter of the course outline: 00 to 13, then the annexes A to C. */
export type ChapterId = "00" | "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12" | "13" | "A" | "B" | "C";

/** A section's title: the outline's own French wording, then a faithful English translation. */
type SectionTitle = readonly [fr: string, en: string];

/** The outline's chapters and annexes, with their titles as the outline writes them. */
export const COURSE_CHAPTERS: Readonly<Record<ChapterId, Text>> = {
  "00": text("Installation & Environnement", "Installation & environment"),
  "01": text("Images Docker", "Docker images"),
  "02": text("Conteneurs (cycle de vie & exécution)", "Containers (lifecycle & execution)"),
  "03": text("Storage (volumes, bind mounts, tmpfs)", "Storage (volumes, bind mounts, tmpfs)"),
  "04": text("Réseau Docker", "Docker networking"),
  "05": text("Dockerfile & Build (BuildKit avancé)", "Dockerfile & build (advanced BuildKit)"),
  "06": text("Docker Compose v2 (multi-services)", "Docker Compose v2 (multi-service)"),
  "07": text("Registry & Distribution", "Registry & distribution"),
  "08": text("Sécurité & Durcissement", "Security & hardening"),
  "09": text("Observabilité & Diagnostic", "Observability & diagnostics"),
  "10": text("Performance & Optimisation", "Performance & optimisation"),
  "11": text("CI/CD avec Docker", "CI/CD with Docker"),
  "12": text("Exploitation en Production (sans orchestrateur)", "Running in production (without an orchestrator)"),
  "13": text("Swarm (optionnel) & Passerelle vers Kubernetes", "Swarm (optional) & a bridge to Kubernetes"),
  A: text("Air-gapped & mirroring (environnements contraints)", "Air-gapped & mirroring (constrained environments)"),
  B: text("Forensic & réponse à incident (IR)", "Forensics & incident response (IR)"),
  C: text("Politique de nommage, immutabilité & rétention d’images", "Image naming, immutability & retention policy"),
};

/**
 * Every section of the course outline (shared/course: the "Contenu" of each chapter), once, grouped
 * by chapter. Checks, lint rules and graders take their course reference from here, so a section
 * reads the same wherever it is cited, and the report shows `chapter — section` in the outline's
 * words. Sections of chapters without exercises yet are here for the graders to come.
 */
export const COURSE = {
  installation: chapter("00", {
    hostChecks: ["Vérifications : VT-x/AMD-V, RAM/CPU, disque, BIOS/UEFI", "Checks: VT-x/AMD-V, RAM/CPU, disk, BIOS/UEFI"],
    install: [
      "Installation : Windows/WSL2 (activation, noyau), Docker Desktop (ressources, intégration WSL) ; Linux (dépôts officiels, Engine/CLI, systemd, groupe `docker`) ; macOS (Docker Desktop)",
      "Installation: Windows/WSL2 (enabling, kernel), Docker Desktop (resources, WSL integration); Linux (official repositories, Engine/CLI, systemd, the `docker` group); macOS (Docker Desktop)",
    ],
    engineChecks: ["Contrôles : `docker info`, `docker version`, `docker system df`", "Checks: `docker info`, `docker version`, `docker system df`"],
    daemonJson: [
      "`daemon.json` : `data-root`, `storage-driver`, `log-driver`/`log-opts`, `registry-mirrors`, `insecure-registries` (à proscrire hors lab), `default-address-pools`, `bip`, `features`, `iptables`/`ip6tables`, `live-restore`",
      "`daemon.json`: `data-root`, `storage-driver`, `log-driver`/`log-opts`, `registry-mirrors`, `insecure-registries` (banned outside a lab), `default-address-pools`, `bip`, `features`, `iptables`/`ip6tables`, `live-restore`",
    ],
    clientConfig: [
      "`~/.docker/config.json` : `credsStore`, `auths`, entêtes HTTP, préférences CLI",
      "`~/.docker/config.json`: `credsStore`, `auths`, HTTP headers, CLI preferences",
    ],
    proxies: [
      "Proxys d’entreprise : `HTTP(S)_PROXY`, `NO_PROXY` (env + drop-in systemd)",
      "Corporate proxies: `HTTP(S)_PROXY`, `NO_PROXY` (environment + systemd drop-in)",
    ],
    trustStores: [
      "PKI & trust stores : ajout de CAs internes côté hôte et pour registres privés",
      "PKI & trust stores: adding internal CAs on the host and for private registries",
    ],
    secureApi: [
      "API Docker sécurisée (aperçu) : exposition TLS, limitation de la socket (`docker-socket-proxy`), RBAC via sudoers (pointe vers Chap. 08)",
      "A secured Docker API (overview): TLS exposure, restricting the socket (`docker-socket-proxy`), RBAC through sudoers (see chap. 08)",
    ],
  }),
  images: chapter("01", {
    naming: ["Nommage : `[registry]/[namespace]/repo:tag` et `@sha256:…`", "Naming: `[registry]/[namespace]/repo:tag` and `@sha256:…`"],
    listAndPull: [
      "`docker images|image ls` (filtres/format, digests), `docker pull` (`--platform`, `--all-tags`, digest)",
      "`docker images|image ls` (filters/format, digests), `docker pull` (`--platform`, `--all-tags`, digest)",
    ],
    dockerBuild: [
      "`docker build` (BuildKit), `.dockerignore`, labels OCI (`org.opencontainers.image.*`), pinning des versions",
      "`docker build` (BuildKit), `.dockerignore`, OCI labels (`org.opencontainers.image.*`), version pinning",
    ],
    multiStageIntro: ["Multi-stage (intro) & cache de build", "Multi-stage (introduction) & build cache"],
    tagging: [
      "`docker tag`, stratégies de versionning (SemVer, canaux `rc/stable`, politique de `latest`)",
      "`docker tag`, versioning strategies (SemVer, `rc/stable` channels, the `latest` policy)",
    ],
    push: ["`docker push` (bonnes pratiques de publication)", "`docker push` (good publishing practice)"],
    inspectHistory: ["`docker inspect`, `docker history` (analyse des couches)", "`docker inspect`, `docker history` (layer analysis)"],
    saveLoad: ["Portabilité : `docker save/load` vs `export/import`", "Portability: `docker save/load` vs `export/import`"],
    hygiene: ["Hygiène : `image prune`, `system df/prune`", "Hygiene: `image prune`, `system df/prune`"],
    lifecycleGovernance: [
      "Gouvernance du cycle de vie (aperçu) : choix d’images de base, suivi CVE amont, cadence d’actualisation (renvoi Chap. 07 & Annexe C)",
      "Lifecycle governance (overview): choosing base images, following upstream CVEs, update cadence (see chap. 07 & annex C)",
    ],
  }),
  containers: chapter("02", {
    lifecycle: [
      "Cycle de vie : `create/run/start/stop/restart/kill/rm`, `--rm`, `--init`",
      "Lifecycle: `create/run/start/stop/restart/kill/rm`, `--rm`, `--init`",
    ],
    modes: [
      "Modes : interactif/TTY (`-it`) vs détaché (`-d`), `--name`, `--restart`",
      "Modes: interactive/TTY (`-it`) vs detached (`-d`), `--name`, `--restart`",
    ],
    environment: [
      "Environnement & contexte : `-e`, `--env-file`, `-u`, `--workdir`, override ENTRYPOINT/CMD",
      "Environment & context: `-e`, `--env-file`, `-u`, `--workdir`, overriding ENTRYPOINT/CMD",
    ],
    observability: [
      "Observabilité : `logs` (tail/since/follow), `stats`, `top`, `port`, `inspect`, `diff`, `events`",
      "Observability: `logs` (tail/since/follow), `stats`, `top`, `port`, `inspect`, `diff`, `events`",
    ],
    limits: [
      "Limites : `--cpus`, `--cpu-shares`, `--cpuset-cpus`, `--memory`, `--pids-limit`, `--ulimit`",
      "Limits: `--cpus`, `--cpu-shares`, `--cpuset-cpus`, `--memory`, `--pids-limit`, `--ulimit`",
    ],
    healthchecks: ["Healthchecks : `--health-cmd/*` (états `healthy/unhealthy`)", "Healthchecks: `--health-cmd/*` (`healthy/unhealthy` states)"],
    signalsPid1: ["Signaux et PID1, délais d’arrêt (`stop -t`), `docker update`", "Signals and PID 1, stop timeouts (`stop -t`), `docker update`"],
    basicSecurity: [
      "Accès matériel & sécurité de base : `--device`, éviter `--privileged`, principe de moindre privilège (renvoi Chap. 08)",
      "Hardware access & basic security: `--device`, avoiding `--privileged`, the principle of least privilege (see chap. 08)",
    ],
  }),
  storage: chapter("03", {
    writableLayer: ["Rappel overlay2 et writable layer", "Overlay2 and the writable layer, a reminder"],
    namedVolumes: [
      "Volumes nommés : `volume create/ls/inspect/rm/prune`, pré-population",
      "Named volumes: `volume create/ls/inspect/rm/prune`, pre-population",
    ],
    bindMounts: [
      "Bind mounts vs `--mount`, options `ro`, propagation (`rprivate/rshared`)",
      "Bind mounts vs `--mount`, the `ro` option, propagation (`rprivate/rshared`)",
    ],
    tmpfs: ["Tmpfs (mémoire) pour runtime/caches", "Tmpfs (memory) for runtime files and caches"],
    uidGid: ["SELinux `:Z/:z`, gestion UID/GID, `-u`", "SELinux `:Z/:z`, UID/GID handling, `-u`"],
    networkShares: ["NFS/SMB : driver local vs montage hôte", "NFS/SMB: the local driver vs a host mount"],
    backupRestore: [
      "Sauvegarde/restauration (archives tar via conteneur utilitaire), plan de rotation",
      "Backup and restore (tar archives through a helper container), rotation plan",
    ],
    encryptionQuotas: [
      "Chiffrement & quotas (approches) : FS chiffré (LUKS/ZFS), quotas FS/plugin",
      "Encryption & quotas (approaches): encrypted file system (LUKS/ZFS), file-system or plugin quotas",
    ],
    readOnlyTmpfs: ["Durcissement : `--read-only` + `tmpfs` pour `/run` et `/tmp`", "Hardening: `--read-only` + `tmpfs` for `/run` and `/tmp`"],
  }),
  network: chapter("04", {
    userDefinedBridges: ["`docker0` vs bridges user-defined (isolation, DNS interne)", "`docker0` vs user-defined bridges (isolation, internal DNS)"],
    networkCommands: ["`network ls/create/inspect/connect/disconnect/rm`", "`network ls/create/inspect/connect/disconnect/rm`"],
    ipam: ["IPAM : `--subnet`, `--gateway`, `--ip-range`, IPs statiques", "IPAM: `--subnet`, `--gateway`, `--ip-range`, static IPs"],
    publishing: [
      "Publication de ports : `-p hostIP:hostPort:containerPort[/proto]`, `-P`",
      "Publishing ports: `-p hostIP:hostPort:containerPort[/proto]`, `-P`",
    ],
    modes: ["Modes : `host`, `none`, réseaux `--internal`", "Modes: `host`, `none`, `--internal` networks"],
    aliases: ["Alias : `--network-alias` ; concepts `macvlan/ipvlan` (aperçu)", "Aliases: `--network-alias`; `macvlan/ipvlan` concepts (overview)"],
    egressIngress: [
      "Contrôles egress/ingress (hors orchestrateur) : iptables/nftables par réseau, micro-segmentation, deny-by-default",
      "Egress/ingress control (without an orchestrator): iptables/nftables per network, micro-segmentation, deny-by-default",
    ],
    mtls: [
      "mTLS & chiffrement interne (notions) : terminaison TLS côté proxy + mTLS pour services sensibles",
      "mTLS & internal encryption (basics): TLS termination at the proxy + mTLS for sensitive services",
    ],
    ipv6: [
      "IPv6 & dual-stack : activation, plan d’adressage, MTU, hairpin NAT, DNS de repli",
      "IPv6 & dual stack: enabling it, addressing plan, MTU, hairpin NAT, fallback DNS",
    ],
    diagnostics: [
      "Diagnostic : `docker port`, `ss/netstat`, iptables/nftables, hairpin NAT, MTU, netshoot",
      "Diagnostics: `docker port`, `ss/netstat`, iptables/nftables, hairpin NAT, MTU, netshoot",
    ],
  }),
  build: chapter("05", {
    instructions: [
      "Instructions : `FROM`, `RUN`, `COPY/ADD`, `ENV/ARG`, `USER`, `WORKDIR`, `EXPOSE`, `ENTRYPOINT/CMD`, `HEALTHCHECK`",
      "Instructions: `FROM`, `RUN`, `COPY/ADD`, `ENV/ARG`, `USER`, `WORKDIR`, `EXPOSE`, `ENTRYPOINT/CMD`, `HEALTHCHECK`",
    ],
    multiStage: [
      "Multi-stage : séparation builder/runtime, réduction de surface d’attaque",
      "Multi-stage: separating builder and runtime, reducing the attack surface",
    ],
    buildkitMounts: ["BuildKit : `--mount=type=cache`, `type=secret`, `type=ssh`", "BuildKit: `--mount=type=cache`, `type=secret`, `type=ssh`"],
    dockerignorePinningNonRootUser: [
      "`.dockerignore`, pinning versions/digests, `USER` non-root",
      "`.dockerignore`, pinning versions and digests, a non-root `USER`",
    ],
    ociLabels: ["Labels OCI (source, version, revision…)", "OCI labels (source, version, revision…)"],
    buildx: [
      "`buildx` : builder, `--platform`, cache exporter/importer, `--provenance`, `--sbom`",
      "`buildx`: builder, `--platform`, cache exporter/importer, `--provenance`, `--sbom`",
    ],
    sbomStandards: [
      "Standards SBOM : SPDX & CycloneDX (formats, stockage comme artefacts OCI)",
      "SBOM standards: SPDX & CycloneDX (formats, storage as OCI artifacts)",
    ],
    quality: ["Qualité : hadolint (lint), `dive` (analyse de couches)", "Quality: hadolint (lint), `dive` (layer analysis)"],
    licenceCompliance: [
      "Compliance licences (notion) et politiques d’import d’images tierces",
      "Licence compliance (basics) and policies for importing third-party images",
    ],
  }),
  compose: chapter("06", {
    composeFile: [
      "`compose.yaml` : `services`, `networks`, `volumes`, `secrets`, `configs`",
      "`compose.yaml`: `services`, `networks`, `volumes`, `secrets`, `configs`",
    ],
    serviceSettings: [
      "Services : `image/build`, `command`, `environment/env_file`, `ports`, `restart`, `healthcheck`, `depends_on`",
      "Services: `image/build`, `command`, `environment/env_file`, `ports`, `restart`, `healthcheck`, `depends_on`",
    ],
    networksVolumes: [
      "Réseaux/volumes : déclarations, `external`, IPAM, ségrégation front/back",
      "Networks/volumes: declarations, `external`, IPAM, front/back segregation",
    ],
    secretsConfigs: [
      "Secrets/configs : sources, montages, portée (pas de secrets dans les layers)",
      "Secrets/configs: sources, mounts, scope (no secrets in the layers)",
    ],
    profilesOverrides: ["Profils (`profiles`) et overrides (`-f` multiples)", "Profiles (`profiles`) and overrides (multiple `-f`)"],
    devProd: ["Dev vs prod : bind-mounts vs images, logs, ressources", "Dev vs prod: bind mounts vs images, logs, resources"],
    commands: ["Commandes : `compose up/down/ps/logs/exec/config/watch`", "Commands: `compose up/down/ps/logs/exec/config/watch`"],
  }),
  registry: chapter("07", {
    ociRegistry: ["OCI registry : repo, tag, digest, manifest list (multi-arch)", "OCI registry: repository, tag, digest, manifest list (multi-arch)"],
    authentication: ["Authentification : `docker login`, PAT, tokens CI", "Authentication: `docker login`, PATs, CI tokens"],
    tagStrategies: ["Stratégies de tags : SemVer, canaux, digest en prod", "Tag strategies: SemVer, channels, digests in production"],
    privateRegistry: [
      "Registry privé : `registry:2` + reverse-proxy (TLS), Basic Auth",
      "A private registry: `registry:2` + a reverse proxy (TLS), Basic Auth",
    ],
    proxyCache: ["Proxy cache Docker Hub, miroirs côté client", "A Docker Hub proxy cache, client-side mirrors"],
    garbageCollection: [
      "Suppression & garbage-collect, rétention, sauvegarde backend",
      "Deletion & garbage collection, retention, backing up the storage backend",
    ],
    lifecycleGovernance: [
      "Gouvernance cycle de vie : immutabilité des tags, rétention, EOL, nomenclature repositories (cf. Annexe C)",
      "Lifecycle governance: tag immutability, retention, EOL, repository naming (see annex C)",
    ],
    licenceCompliance: [
      "Compliance & licences : scans de licences, règles d’import/export d’images tierces",
      "Compliance & licences: licence scans, rules for importing and exporting third-party images",
    ],
    enterpriseRegistries: [
      "Harbor/Nexus/Artifactory (aperçu) : RBAC, scans, immutabilité, réplication, admission par signature",
      "Harbor/Nexus/Artifactory (overview): RBAC, scans, immutability, replication, admission by signature",
    ],
    sbomSignatures: [
      "SBOM & provenance (buildx), signatures cosign, vérification/politiques (gates registry/CI)",
      "SBOM & provenance (buildx), cosign signatures, verification and policies (registry/CI gates)",
    ],
  }),
  security: chapter("08", {
    secretsManagement: [
      "Modèle de menace et gestion des secrets (Vault/SOPS/Secret Manager, pas de secret dans les layers, rotation/révocation, `tmpfs`)",
      "Threat model and secrets management (Vault/SOPS/Secret Manager, no secret in the layers, rotation/revocation, `tmpfs`)",
    ],
    runtimeHardening: [
      "Runtime : `-u`, `--cap-drop/--cap-add`, `--read-only`, `tmpfs`, `--security-opt` (seccomp/AppArmor/SELinux), `no-new-privileges`",
      "Runtime: `-u`, `--cap-drop/--cap-add`, `--read-only`, `tmpfs`, `--security-opt` (seccomp/AppArmor/SELinux), `no-new-privileges`",
    ],
    daemonHardening: [
      "Hardening du démon & des accès : API TLS client/serveur, restriction de la socket (`docker-socket-proxy`), sudoers/RBAC, journalisation/audit des commandes",
      "Hardening the daemon & access to it: client/server TLS for the API, restricting the socket (`docker-socket-proxy`), sudoers/RBAC, logging and auditing commands",
    ],
    rootless: ["Rootless & userns-remap (principes/limites)", "Rootless & userns-remap (principles and limits)"],
    scans: [
      "Scans : Trivy/Docker Scout, SBOM (SPDX/CycloneDX), plan de remédiation priorisé",
      "Scans: Trivy/Docker Scout, SBOM (SPDX/CycloneDX), a prioritised remediation plan",
    ],
    signaturesAdmission: [
      "Immutabilité des tags, signatures cosign, contrôle d’admission (policies)",
      "Tag immutability, cosign signatures, admission control (policies)",
    ],
    controlledExposure: [
      "Exposition contrôlée : reverse-proxy, egress/ingress (lien Chap. 04), journaux d’accès",
      "Controlled exposure: reverse proxy, egress/ingress (see chap. 04), access logs",
    ],
    benchmarks: ["Référentiels : CIS Docker Benchmark, ISO/IEC 27001 (Annex A)", "Standards: CIS Docker Benchmark, ISO/IEC 27001 (Annex A)"],
    forensics: [
      "Forensic (notion) : à détailler Annexe B (captures, gel des preuves)",
      "Forensics (basics): detailed in annex B (captures, freezing evidence)",
    ],
  }),
  observability: chapter("09", {
    logDrivers: [
      "Logs : drivers (`local`, `json-file`), rotation, centralisation (Fluent Bit/ELK)",
      "Logs: drivers (`local`, `json-file`), rotation, centralisation (Fluent Bit/ELK)",
    ],
    metrics: ["Métriques : cAdvisor/Node-Exporter → Prometheus/Grafana (aperçu)", "Metrics: cAdvisor/Node-Exporter → Prometheus/Grafana (overview)"],
    tracing: ["Tracing : principes OpenTelemetry/Jaeger (patterns sidecar)", "Tracing: OpenTelemetry/Jaeger principles (sidecar patterns)"],
    tools: [
      "Outils : `docker events`, `stats`, `inspect`, netshoot, `tcpdump`, `strace`, `nsenter`",
      "Tools: `docker events`, `stats`, `inspect`, netshoot, `tcpdump`, `strace`, `nsenter`",
    ],
    commonIncidents: [
      "Incidents fréquents : OOMKill, throttling CPU, FDs, DNS, conflits de ports",
      "Common incidents: OOMKill, CPU throttling, file descriptors, DNS, port conflicts",
    ],
    runbooks: ["Runbooks : symptômes, commandes minimales, critères de succès", "Runbooks: symptoms, minimal commands, success criteria"],
    forensics: [
      "Forensic (rappel) : où récupérer journaux, images/layers, volumes (cf. Annexe B)",
      "Forensics (a reminder): where to collect logs, images/layers, volumes (see annex B)",
    ],
  }),
  performance: chapter("10", {
    baseImageChoice: ["Choix d’images de base (distroless/alpine/slim), glibc vs musl", "Choosing base images (distroless/alpine/slim), glibc vs musl"],
    layersAndCache: ["Ordre des instructions, cache layers, multi-stage agressif", "Instruction order, layer cache, aggressive multi-stage"],
    overlay2: ["Overlay2 : patterns d’écriture, options de montage, hot paths en `tmpfs`", "Overlay2: write patterns, mount options, hot paths on `tmpfs`"],
    startup: ["Démarrage : pre-pull, warm/cold start, parallélisme de pulls", "Start-up: pre-pull, warm/cold start, parallel pulls"],
    buildxCache: [
      "`buildx` : cache exporter/importer (local/remote), QEMU/binfmt, multi-arch",
      "`buildx`: cache exporter/importer (local/remote), QEMU/binfmt, multi-arch",
    ],
    networkTuning: ["Réseau : MTU, buffers, tuning kernel (aperçu)", "Network: MTU, buffers, kernel tuning (overview)"],
    cpuPinning: ["CPU pinning & NUMA : `cpuset`, affinité, contention, isolation CPU", "CPU pinning & NUMA: `cpuset`, affinity, contention, CPU isolation"],
    cleanupRetention: [
      "Nettoyage & rétention : images/volumes, pull-through cache côté registry",
      "Clean-up & retention: images/volumes, a pull-through cache at the registry",
    ],
  }),
  ciCd: chapter("11", {
    pipelines: ["Pipelines (GitHub Actions/GitLab/Jenkins) : structure type", "Pipelines (GitHub Actions/GitLab/Jenkins): a typical structure"],
    buildsInCi: ["Buildx multi-arch, caches de build, tests, scans", "Multi-arch buildx, build caches, tests, scans"],
    sbomSigning: [
      "SBOM/provenance (artefacts OCI), signatures cosign (clé/Keyless OIDC)",
      "SBOM/provenance (OCI artifacts), cosign signatures (key or keyless OIDC)",
    ],
    supplyChainPolicies: [
      "SLSA / in-toto / journal de transparence (Rekor) : concepts & intégration de politiques/gates",
      "SLSA / in-toto / transparency log (Rekor): concepts & integrating policies and gates",
    ],
    releaseStrategies: [
      "Stratégies de release : tags immuables, canaux, promotion digest",
      "Release strategies: immutable tags, channels, promotion by digest",
    ],
    ciSecrets: ["Secrets en CI : moindre privilège, rotation, OIDC vs PAT", "Secrets in CI: least privilege, rotation, OIDC vs PAT"],
    licenceCompliance: ["Compliance licences en pipeline (scans, rapports)", "Licence compliance in the pipeline (scans, reports)"],
  }),
  production: chapter("12", {
    productionCompose: [
      "Compose « prod » : images versionnées/digest, healthchecks, ressources",
      "Compose for production: versioned images or digests, healthchecks, resources",
    ],
    tlsReverseProxy: [
      "Reverse-proxy TLS (Nginx/Traefik), ACME/Let’s Encrypt, renouvellement",
      "TLS reverse proxy (Nginx/Traefik), ACME/Let’s Encrypt, renewal",
    ],
    zeroDowntime: ["Zéro-downtime basique (blue/green), canary minimal, ordonnancement", "Basic zero downtime (blue/green), a minimal canary, sequencing"],
    volumeBackups: ["Sauvegardes/rotation/restauration de volumes (planification)", "Backing up, rotating and restoring volumes (scheduling)"],
    systemd: ["Intégration `systemd` (unit files), journaux système, démarrage au boot", "`systemd` integration (unit files), system logs, starting at boot"],
    fleet: [
      "Gestion de flotte : systemd templated units, Ansible, stratégies d’updates, watchtower (avantages/risques), fenêtres de maintenance",
      "Managing a fleet: systemd templated units, Ansible, update strategies, watchtower (benefits and risks), maintenance windows",
    ],
    capacity: [
      "Plan de capacité : `/var/lib/docker` (stockage), croissance du registry, compute CI (runners)",
      "Capacity planning: `/var/lib/docker` (storage), registry growth, CI compute (runners)",
    ],
    disasterRecovery: [
      "PRA léger : procédures de reprise, documentation d’exploitation, jeu de preuves (lien Annexe B)",
      "Light disaster recovery: recovery procedures, operations documentation, an evidence kit (see annex B)",
    ],
  }),
  swarm: chapter("13", {
    swarmBasics: ["Swarm : init, managers/workers (concepts), `stack deploy`", "Swarm: init, managers/workers (concepts), `stack deploy`"],
    services: [
      "Services : réplicas, update config, healthchecks, contraintes de placement",
      "Services: replicas, update config, healthchecks, placement constraints",
    ],
    secretsOverlay: ["Secrets/configs Swarm, networks overlay (chiffrement : aperçu)", "Swarm secrets/configs, overlay networks (encryption: overview)"],
    kubernetesMapping: [
      "Cartographie : Compose → Deployments/Services/Ingress/Secrets/ConfigMaps",
      "Mapping: Compose → Deployments/Services/Ingress/Secrets/ConfigMaps",
    ],
    migrationCriteria: ["Limites/bonnes pratiques, critères de bascule vers Kubernetes", "Limits and good practice, criteria for moving to Kubernetes"],
  }),
  airGapped: chapter("A", {
    registryMirrors: [
      "Registry proxy/cache (registry:2, Harbor) + configuration clients (mirrors)",
      "Registry proxy/cache (registry:2, Harbor) + client configuration (mirrors)",
    ],
    offlineSync: [
      "Synchronisation offline : `skopeo`, `crane`, `oras` (images & artefacts OCI : SBOM/attestations)",
      "Offline synchronisation: `skopeo`, `crane`, `oras` (images & OCI artifacts: SBOM/attestations)",
    ],
    publicationPolicy: ["Politique de publication interne (référentiel unique de vérité)", "Internal publication policy (a single source of truth)"],
    offlineSignatures: ["Sécurité : signatures & vérification offline, rotation d’artefacts", "Security: signatures & offline verification, artifact rotation"],
  }),
  forensics: chapter("B", {
    evidenceCapture: [
      "Capture d’artefacts : `docker save` (image), export de couches, journaux bruts (`/var/lib/docker/containers/*.log`), FS des volumes (archives tar), horodatage/NTP",
      "Capturing artifacts: `docker save` (image), exporting layers, raw logs (`/var/lib/docker/containers/*.log`), volume file systems (tar archives), timestamps/NTP",
    ],
    goodPractice: [
      "Bonnes pratiques : éviter `docker commit`, gel/duplication des preuves, chaîne de possession",
      "Good practice: avoiding `docker commit`, freezing and duplicating evidence, chain of custody",
    ],
    tooling: [
      "Outillage : netshoot/tcpdump, `strace`, `nsenter`, `docker events` historisés",
      "Tooling: netshoot/tcpdump, `strace`, `nsenter`, a recorded history of `docker events`",
    ],
    isoMapping: [
      "Cartographie ISO 27001 (preuves d’audit), intégration avec runbooks (Chap. 09) et PRA (Chap. 12)",
      "ISO 27001 mapping (audit evidence), integration with runbooks (chap. 09) and disaster recovery (chap. 12)",
    ],
  }),
  imagePolicy: chapter("C", {
    namingConventions: [
      "Conventions de nommage : `[org]/[projet]/[service]`, préfixes d’environnements",
      "Naming conventions: `[org]/[project]/[service]`, environment prefixes",
    ],
    versioning: [
      "Versionning : SemVer, canaux (`dev/rc/stable`), interdiction de dé-tagger des versions prod",
      "Versioning: SemVer, channels (`dev/rc/stable`), no untagging of production versions",
    ],
    immutability: ["Immutabilité : tags critiques immuables, déploiement par digest", "Immutability: critical tags immutable, deployment by digest"],
    retention: ["Rétention : délais par environnement, GC planifié, EOL & archivage", "Retention: periods per environment, scheduled GC, EOL & archiving"],
    compliance: [
      "Conformité : revue licences, provenance, evidence SBOM/signatures stockées",
      "Compliance: licence review, provenance, stored SBOM and signature evidence",
    ],
  }),
} as const;

/** One chapter's sections as course references, each carrying the chapter's id. */
function chapter<Key extends string>(id: ChapterId, sections: Readonly<Record<Key, SectionTitle>>): Readonly<Record<Key, CourseRef>> {
  const entries = Object.entries<SectionTitle>(sections).map(([key, [fr, en]]) => [key, { chapter: id, section: text(fr, en) }]);
  return Object.fromEntries(entries) as Record<Key, CourseRef>;
}
