import { describe, expect, it } from "vitest";
import { RUN_LABEL } from "../../../../harness/kernel/run-labels.ts";
import { text } from "../../../../harness/kernel/text.ts";
import { decideRequest, findRoute, refusalMessage } from "../../../../harness/engine/api-proxy/api-proxy-rules.ts";
import { SCRIPT_CREATED_LABEL, type ForwardedRequest, type ProxyDecision, type ProxyScope } from "../../../../harness/engine/api-proxy/api-proxy-scope.ts";

const BACKUP = "/tmp/dockgrade-storage-x/backup";
const WORK = "/tmp/dockgrade-storage-x/work";
const scope: ProxyScope = {
  runId: "run1",
  labels: { [RUN_LABEL]: "run1", "dockgrade.exercise": "03-storage/02-backup-restore" },
  bindable: [
    { path: WORK, name: text("le dossier du script", "the script's folder") },
    { path: BACKUP, name: text("$BACKUP_DIR", "$BACKUP_DIR") },
  ],
};

/** What docker CLI 28 sends for the course's `docker run --rm --network none -v vol:/data:ro -v "$BACKUP_DIR":/backup busybox:1.37 tar ...`. */
function cliRun(host: Record<string, unknown> = {}, config: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Hostname: "",
    Domainname: "",
    User: "",
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: null,
    Cmd: ["tar", "czf", "/backup/kv.tar.gz", "-C", "/data", "."],
    Image: "busybox:1.37",
    Volumes: {},
    WorkingDir: "",
    Entrypoint: null,
    OnBuild: null,
    Labels: {},
    HostConfig: {
      Binds: ["dockgrade-run1_kv-data:/data:ro", `${BACKUP}:/backup`],
      ContainerIDFile: "",
      LogConfig: { Type: "", Config: {} },
      NetworkMode: "none",
      PortBindings: {},
      RestartPolicy: { Name: "no", MaximumRetryCount: 0 },
      AutoRemove: true,
      VolumeDriver: "",
      VolumesFrom: null,
      ConsoleSize: [0, 0],
      CapAdd: null,
      CapDrop: null,
      CgroupnsMode: "",
      Dns: [],
      DnsOptions: [],
      DnsSearch: [],
      ExtraHosts: null,
      GroupAdd: null,
      IpcMode: "",
      Cgroup: "",
      Links: null,
      OomScoreAdj: 0,
      PidMode: "",
      Privileged: false,
      PublishAllPorts: false,
      ReadonlyRootfs: false,
      SecurityOpt: null,
      UTSMode: "",
      UsernsMode: "",
      ShmSize: 0,
      Isolation: "",
      CpuShares: 0,
      Memory: 0,
      NanoCpus: 0,
      CgroupParent: "",
      BlkioWeight: 0,
      BlkioWeightDevice: [],
      BlkioDeviceReadBps: [],
      BlkioDeviceWriteBps: [],
      BlkioDeviceReadIOps: [],
      BlkioDeviceWriteIOps: [],
      CpuPeriod: 0,
      CpuQuota: 0,
      CpuRealtimePeriod: 0,
      CpuRealtimeRuntime: 0,
      CpusetCpus: "",
      CpusetMems: "",
      Devices: [],
      DeviceCgroupRules: null,
      DeviceRequests: null,
      MemoryReservation: 0,
      MemorySwap: 0,
      MemorySwappiness: -1,
      OomKillDisable: false,
      PidsLimit: 0,
      Ulimits: [],
      CpuCount: 0,
      CpuPercent: 0,
      IOMaximumIOps: 0,
      IOMaximumBandwidth: 0,
      MaskedPaths: null,
      ReadonlyPaths: null,
      ...host,
    },
    NetworkingConfig: { EndpointsConfig: {} },
    ...config,
  };
}

function create(body: unknown): ProxyDecision {
  return decideRequest({ method: "POST", url: "/v1.45/containers/create?name=helper", body }, scope);
}

function forwarded(decision: ProxyDecision): ForwardedRequest {
  if (decision.verdict !== "forward") throw new Error(`refused: ${refusalMessage(decision.reasons)}`);
  return decision;
}

function refusal(decision: ProxyDecision): string {
  if (decision.verdict !== "refuse") throw new Error(`forwarded ${decision.url}`);
  return refusalMessage(decision.reasons);
}

describe("docker run through the proxy", () => {
  it("forwards the course's helper container, with the run's labels, ceilings, no network and no new privileges", () => {
    const decision = forwarded(create(cliRun()));
    expect(decision.url).toBe("/v1.45/containers/create?name=helper");
    expect(decision.volumesToCreate).toEqual(["dockgrade-run1_kv-data"]);
    const body = decision.body as { Labels: Record<string, string>; HostConfig: Record<string, unknown> };
    expect(body.Labels).toMatchObject({ [RUN_LABEL]: "run1", [SCRIPT_CREATED_LABEL]: "true" });
    expect(body.HostConfig).toMatchObject({ NetworkMode: "none", SecurityOpt: ["no-new-privileges"], AutoRemove: true });
    expect(body.HostConfig["Memory"]).toBeGreaterThan(0);
    expect(body.HostConfig["MemorySwap"]).toBe(body.HostConfig["Memory"]);
    expect(body.HostConfig["PidsLimit"]).toBeGreaterThan(0);
    expect(body.HostConfig["Binds"]).toEqual(["dockgrade-run1_kv-data:/data:ro", `${BACKUP}:/backup`]);
  });

  it("keeps a lower limit of the student's, and turns the default network into none", () => {
    const body = forwarded(create(cliRun({ Memory: 8 * 1024 * 1024, NetworkMode: "default" }))).body as { HostConfig: Record<string, unknown> };
    expect(body.HostConfig).toMatchObject({ Memory: 8 * 1024 * 1024, MemorySwap: 8 * 1024 * 1024, NetworkMode: "none" });
  });

  it("names --volumes-from containers as ones that must be the run's", () => {
    expect(forwarded(create(cliRun({ VolumesFrom: ["dockgrade-run1-db-1:ro"] }))).owned.containers).toEqual(["dockgrade-run1-db-1"]);
  });

  it("refuses every power over the host at once, naming the option as the student wrote it", () => {
    const message = refusal(
      create(
        cliRun({
          Privileged: true,
          CapAdd: ["SYS_ADMIN"],
          Devices: [{ PathOnHost: "/dev/sda", PathInContainer: "/dev/sda", CgroupPermissions: "rwm" }],
          DeviceRequests: [{ Count: -1, Capabilities: [["gpu"]] }],
          PidMode: "host",
          IpcMode: "container:other",
          SecurityOpt: ["seccomp=unconfined", "no-new-privileges"],
          Sysctls: { "kernel.core_pattern": "|/x" },
          CgroupParent: "/",
          Runtime: "runsc",
          PortBindings: { "80/tcp": [{ HostIp: "0.0.0.0", HostPort: "80" }] },
        }),
      ),
    );
    for (const flag of [
      "--privileged",
      "--cap-add",
      "--device",
      "--gpus",
      "--pid host",
      "--ipc container:other",
      "--security-opt seccomp=unconfined",
      "--sysctl",
      "--cgroup-parent",
      "--runtime",
      "-p",
    ]) {
      expect(message).toContain(flag);
    }
    expect(message).not.toContain("no-new-privileges");
    expect(message).toMatch(/^dockgrade : .*\ndockgrade: /s);
  });

  it("refuses unmasked /proc and /sys, even as empty lists", () => {
    expect(refusal(create(cliRun({ MaskedPaths: [] })))).toContain("systempaths=unconfined");
    expect(refusal(create(cliRun({ ReadonlyPaths: [] })))).toContain("systempaths=unconfined");
  });

  it("refuses the host's network and another container's, and any named network", () => {
    expect(refusal(create(cliRun({ NetworkMode: "host" })))).toContain("--network host");
    expect(refusal(create(cliRun({ NetworkMode: "container:abc" })))).toContain("--network container:abc");
    expect(refusal(create(cliRun({}, { NetworkingConfig: { EndpointsConfig: { other_net: {} } } })))).toContain("--network other_net");
  });

  it("refuses a setting it does not know unless left empty, and a logging driver that ships logs away", () => {
    expect(refusal(create(cliRun({ SomeFutureOption: "on" })))).toContain("SomeFutureOption");
    expect(forwarded(create(cliRun({ SomeFutureOption: null })))).toBeTruthy();
    expect(refusal(create(cliRun({ LogConfig: { Type: "syslog", Config: { "syslog-address": "udp://1.2.3.4:514" } } })))).toContain("--log-driver syslog");
    expect(refusal(create(cliRun({ RestartPolicy: { Name: "always" } })))).toContain("--restart always");
    expect(refusal(create("not an object"))).toContain("JSON");
  });
});

describe("field names as the engine reads them (Go: any case, last key wins)", () => {
  it("refuses a known field written in another case, even with a harmless value", () => {
    expect(refusal(create(cliRun({ privileged: true })))).toContain('"privileged": refused, write "Privileged"');
    expect(refusal(create(cliRun({ networkmode: "" })))).toContain('write "NetworkMode"');
    expect(refusal(create({ ...cliRun(), hostconfig: { Privileged: true } }))).toContain('write "HostConfig"');
    expect(refusal(decideRequest({ method: "POST", url: "/containers/app/exec", body: { Cmd: ["sh"], privileged: true } }, scope))).toContain("Privileged");
    expect(refusal(decideRequest({ method: "POST", url: "/volumes/create", body: { Name: "v", driveropts: { device: "/" } } }, scope))).toContain("DriverOpts");
  });

  it("refuses a field name that is not plain ASCII: Go folds ſ into s", () => {
    expect(refusal(create(cliRun({ ["MaskedPath\u017f"]: [] })))).toContain("field name refused");
  });

  it("reads mounts strictly: a lower-case key would change what is mounted", () => {
    const sneaky = { Type: "tmpfs", type: "bind", Source: "/", Target: "/host" };
    expect(refusal(create(cliRun({ Mounts: [sneaky] })))).toContain("unknown field(s) type");
    const options = { Type: "volume", Source: "v1", Target: "/v", VolumeOptions: { DriverConfig: { Name: "local", options: { device: "/" } } } };
    expect(refusal(create(cliRun({ Mounts: [options] })))).toContain("options");
  });
});

describe("host folders a helper may bind", () => {
  it("binds $BACKUP_DIR and the script's folder as they are, trailing slash or not", () => {
    for (const source of [BACKUP, `${BACKUP}/`, WORK]) expect(forwarded(create(cliRun({ Binds: [`${source}:/b`] }))).volumesToCreate).toEqual([]);
  });

  it("refuses any other host path, a folder below them, and paths that only look like them", () => {
    for (const source of ["/", "/etc", "/tmp", `${BACKUP}/sub`, `${BACKUP}/../work/..`, `${BACKUP}/.`, `/${BACKUP}`, "/tmp/dockgrade-storage-x"]) {
      expect(refusal(create(cliRun({ Binds: [`${source}:/host`] })))).toContain("$BACKUP_DIR (/tmp/dockgrade-storage-x/backup)");
    }
  });

  it("says why the engine's socket is refused", () => {
    expect(refusal(create(cliRun({ Binds: ["/var/run/docker.sock:/s"] })))).toContain("socket");
    expect(refusal(create(cliRun({ Binds: ["/run:/r"] })))).toContain("socket");
  });

  it("reads --mount the same way, and refuses volume driver options that bind a host folder", () => {
    expect(refusal(create(cliRun({ Mounts: [{ Type: "bind", Source: "/", Target: "/host" }] })))).toContain("--mount type=bind,source=/");
    expect(
      forwarded(
        create(
          cliRun({
            Mounts: [
              { Type: "bind", Source: BACKUP, Target: "/b" },
              { Type: "tmpfs", Target: "/t" },
            ],
          }),
        ),
      ),
    ).toBeTruthy();
    const deviceVolume = {
      Type: "volume",
      Source: "v1",
      Target: "/v",
      VolumeOptions: { DriverConfig: { Name: "local", Options: { type: "none", o: "bind", device: "/" } } },
    };
    expect(refusal(create(cliRun({ Mounts: [deviceVolume] })))).toContain("device=");
    expect(refusal(create(cliRun({ Mounts: [{ Type: "bind", Source: BACKUP, Target: "/b", BindOptions: { Propagation: "rshared" } }] })))).toContain("rshared");
    expect(forwarded(create(cliRun({ Binds: null, Mounts: [{ Type: "volume", Source: "v1", Target: "/v" }] }))).volumesToCreate).toEqual(["v1"]);
  });

  it("refuses unreadable binds and unknown bind options", () => {
    expect(refusal(create(cliRun({ Binds: [`${BACKUP}:/b:rshared`] })))).toContain("rshared");
    expect(refusal(create(cliRun({ Binds: ["nocolon"] })))).toContain("nocolon");
    expect(refusal(create(cliRun({ Binds: ["bad name!:/x"] })))).toContain("bad name!");
  });
});

describe("volumes, exec, and the other endpoints", () => {
  it("creates volumes with the local driver only, labelled with the run", () => {
    const decision = forwarded(
      decideRequest(
        { method: "POST", url: "/v1.45/volumes/create", body: { Name: "dockgrade-run1_kv-data", Driver: "local", DriverOpts: {}, Labels: null } },
        scope,
      ),
    );
    expect(decision.owned.volumes).toEqual(["dockgrade-run1_kv-data"]);
    expect((decision.body as { Labels: Record<string, string> }).Labels).toMatchObject({ [RUN_LABEL]: "run1", [SCRIPT_CREATED_LABEL]: "true" });
    const bound = { Name: "v", DriverOpts: { type: "none", o: "bind", device: "/etc" } };
    expect(refusal(decideRequest({ method: "POST", url: "/v1.45/volumes/create", body: bound }, scope))).toContain("--opt");
  });

  it("lets exec run on the run's containers, never privileged, and only on instances it saw created", () => {
    const exec = forwarded(decideRequest({ method: "POST", url: "/v1.45/containers/app/exec", body: { Cmd: ["ls"] } }, scope));
    expect(exec).toMatchObject({ recordsExec: true, owned: { containers: ["app"] } });
    expect(refusal(decideRequest({ method: "POST", url: "/v1.45/containers/app/exec", body: { Cmd: ["sh"], Privileged: true } }, scope))).toContain(
      "--privileged",
    );
    expect(forwarded(decideRequest({ method: "POST", url: "/v1.45/exec/abc/start" }, scope)).owned.execs).toEqual(["abc"]);
  });

  it("names the container of every per-container call as one that must be the run's", () => {
    for (const [method, path] of [
      ["GET", "json"],
      ["POST", "attach"],
      ["POST", "wait"],
      ["POST", "start"],
      ["PUT", "archive"],
      ["GET", "logs"],
    ] as const) {
      const decision = forwarded(decideRequest({ method, url: `/v1.45/containers/h1/${path}?stream=1` }, scope));
      expect(decision).toMatchObject({ owned: { containers: ["h1"] }, url: `/v1.45/containers/h1/${path}?stream=1` });
    }
    expect(forwarded(decideRequest({ method: "DELETE", url: "/v1.45/containers/h1?force=1&v=1" }, scope)).owned.containers).toEqual(["h1"]);
  });

  it("lists only the run's containers and volumes, keeping the script's own filters", () => {
    const ps = forwarded(decideRequest({ method: "GET", url: `/v1.45/containers/json?all=1&filters=${encodeURIComponent('{"status":["exited"]}')}` }, scope));
    const query = new URL(ps.url, "http://x").searchParams;
    expect(query.get("all")).toBe("1");
    expect(JSON.parse(query.get("filters") ?? "")).toEqual({ status: ["exited"], label: [`${RUN_LABEL}=run1`] });
    const legacy = forwarded(decideRequest({ method: "GET", url: `/volumes?filters=${encodeURIComponent('{"label":{"a=b":true}}')}` }, scope));
    expect(JSON.parse(new URL(legacy.url, "http://x").searchParams.get("filters") ?? "")).toEqual({ label: ["a=b", `${RUN_LABEL}=run1`] });
  });

  it("forwards what the CLI asks first, and image lookups", () => {
    for (const [method, url] of [
      ["HEAD", "/_ping"],
      ["GET", "/_ping"],
      ["GET", "/v1.45/version"],
      ["GET", "/v1.45/info"],
      ["GET", "/v1.45/images/json"],
      ["GET", "/v1.45/images/docker.io/library/busybox:1.37/json"],
    ] as const) {
      expect(decideRequest({ method, url }, scope).verdict, `${method} ${url}`).toBe("forward");
    }
  });

  it("refuses builds, pulls, networks, plugins, swarm, prunes, events and commits", () => {
    const refused: [string, string][] = [
      ["POST", "/v1.45/build"],
      ["POST", "/v1.45/images/create?fromImage=evil"],
      ["POST", "/v1.45/networks/create"],
      ["GET", "/v1.45/networks"],
      ["POST", "/v1.45/plugins/pull"],
      ["POST", "/v1.45/swarm/init"],
      ["POST", "/v1.45/containers/prune"],
      ["POST", "/v1.45/volumes/prune"],
      ["POST", "/v1.45/system/prune"],
      ["GET", "/v1.45/events"],
      ["POST", "/v1.45/commit?container=x"],
      ["POST", "/v1.45/containers/h1/update"],
      ["DELETE", "/v1.45/images/busybox:1.37"],
      ["GET", "/v1.45/containers/h1/export"],
      ["POST", "/session"],
      ["POST", "/grpc"],
    ];
    for (const [method, url] of refused) expect(findRoute(method, url), `${method} ${url}`).toHaveProperty("verdict", "refuse");
    expect(refusal(decideRequest({ method: "POST", url: "/v1.45/images/create?fromImage=evil" }, scope))).toContain("busybox:1.37");
  });

  it("refuses paths the engine's router would clean into another route", () => {
    for (const url of [
      "/v1.45/containers/x/..%2F..%2Fbuild",
      "/v1.45/containers/%2e%2e/json",
      "/v1.45/containers//json",
      "/v1.45/containers/a%5Cb/json",
      "//build",
    ]) {
      expect(findRoute("GET", url), url).toHaveProperty("verdict", "refuse");
    }
  });
});
