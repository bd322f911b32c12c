import { describe, expect, it } from "vitest";
import { COMPOSE_RULES } from "../../../harness/policy/compose-rules.ts";
import { rawViolations, source, where } from "./compose-support.ts";

const check = (yaml: string, options = {}) => rawViolations([source(yaml)], options);

describe("Compose rules on a service, each at its file and line", () => {
  it("refuses privileged containers and builds (CIS 5.5)", () => {
    const found = check(`services:
  web:
    image: busybox:1.37
    privileged: true
    build:
      context: .
      privileged: true
`);
    expect(where(found)).toEqual(["privileged compose.yaml:4", "privileged compose.yaml:7"]);
    expect(found[0]).toMatchObject({ setting: "services.web.privileged: true", cis: "5.5" });
    expect(found[0]?.message.fr).toContain("privilégié");
  });

  it("refuses capabilities outside the exercise's allowlist, whatever their spelling (CIS 5.4)", () => {
    const yaml = `services:
  web:
    image: busybox:1.37
    cap_add:
      - NET_BIND_SERVICE
      - cap_sys_admin
      - ALL
`;
    expect(where(check(yaml))).toEqual(["cap-add compose.yaml:5", "cap-add compose.yaml:6", "cap-add compose.yaml:7"]);
    const allowed = check(yaml, { capAdd: ["NET_BIND_SERVICE"] });
    expect(where(allowed)).toEqual(["cap-add compose.yaml:6", "cap-add compose.yaml:7"]);
    expect(allowed[0]).toMatchObject({ setting: "services.web.cap_add: cap_sys_admin", cis: "5.4" });
    expect(allowed[0]?.message.en).toContain("(SYS_ADMIN)");
  });

  it("refuses the host's namespaces and those of containers outside the project", () => {
    const found = check(`services:
  web:
    image: busybox:1.37
    network_mode: host
    pid: "container:other"
    ipc: host
    uts: host
    userns_mode: host
    cgroup: host
  side:
    image: busybox:1.37
    network_mode: "service:web"
    pid: "service:web"
    ipc: "service:ghost"
  bridged:
    image: busybox:1.37
    network_mode: bridge
`);
    expect(where(found)).toEqual([
      "host-network compose.yaml:4",
      "host-pid compose.yaml:5",
      "host-ipc compose.yaml:6",
      "host-uts compose.yaml:7",
      "host-userns compose.yaml:8",
      "host-cgroup compose.yaml:9",
      "host-ipc compose.yaml:14",
      "host-network compose.yaml:17",
    ]);
    expect(found.map((violation) => violation.cis)).toEqual(["5.10", "5.16", "5.17", "5.21", "5.31", undefined, "5.17", "5.10"]);
  });

  it("refuses devices, GPUs and reserved devices (CIS 5.18)", () => {
    expect(
      where(
        check(`services:
  web:
    image: busybox:1.37
    devices: ["/dev/fuse:/dev/fuse"]
    device_cgroup_rules: ["c 1:3 mr"]
    gpus: all
    deploy:
      resources:
        reservations:
          devices:
            - capabilities: [gpu]
`),
      ),
    ).toEqual(["devices compose.yaml:4", "devices compose.yaml:5", "gpus compose.yaml:6", "gpus compose.yaml:11"]);
  });

  it("refuses unconfined or replaced seccomp, unconfined AppArmor, disabled SELinux labels and unmasked system paths", () => {
    const found = check(`services:
  web:
    image: busybox:1.37
    security_opt:
      - no-new-privileges:true
      - seccomp:unconfined
      - seccomp=./profile.json
      - apparmor=unconfined
      - apparmor=docker-default
      - label:disable
      - label=type:spc_t
      - systempaths=unconfined
`);
    expect(where(found)).toEqual([
      "seccomp compose.yaml:6",
      "seccomp compose.yaml:7",
      "apparmor compose.yaml:8",
      "selinux-label compose.yaml:10",
      "selinux-label compose.yaml:11",
      "systempaths compose.yaml:12",
    ]);
    expect(found.map((violation) => violation.cis)).toEqual(["5.22", "5.22", "5.2", "5.3", "5.3", undefined]);
  });

  it("refuses sysctls, cgroup_parent, runtime, use_api_socket, provider and remote log drivers", () => {
    expect(
      where(
        check(`services:
  web:
    image: busybox:1.37
    sysctls:
      net.core.somaxconn: 1024
    cgroup_parent: /escape
    runtime: runsc
    use_api_socket: true
    logging:
      driver: syslog
  model:
    provider:
      type: model
    logging:
      driver: local
`),
      ),
    ).toEqual([
      "sysctls compose.yaml:5",
      "cgroup-parent compose.yaml:6",
      "runtime compose.yaml:7",
      "use-api-socket compose.yaml:8",
      "logging-driver compose.yaml:10",
      "provider compose.yaml:13",
    ]);
  });

  it("refuses volumes_from a container outside the project, not from a service of it", () => {
    expect(
      where(
        check(`services:
  web:
    image: busybox:1.37
    volumes_from:
      - db:ro
      - container:grader
      - ghost
  db:
    image: busybox:1.37
`),
      ),
    ).toEqual(["volumes-from compose.yaml:6", "volumes-from compose.yaml:7"]);
  });

  it("refuses a build on the host network, with the SSH agent or an outside cache", () => {
    expect(
      where(
        check(`services:
  web:
    build:
      context: .
      network: host
      ssh: [default]
      cache_from: ["type=local,src=/var/cache"]
`),
      ),
    ).toEqual(["build-network-host compose.yaml:5", "build-ssh compose.yaml:6", "build-cache compose.yaml:7"]);
  });

  it("sees a setting brought in by a YAML merge key, at the service that merges it", () => {
    expect(
      where(
        check(`x-base: &base
  privileged: true
services:
  web:
    <<: *base
    image: busybox:1.37
`),
      ),
    ).toEqual(["privileged compose.yaml:5"]);
  });

  it("accepts a course-style service", () => {
    expect(
      check(`services:
  web:
    build: ./web
    read_only: true
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true"]
    network_mode: none
    ipc: private
    volumes:
      - ./site:/srv/www:ro
      - data:/data
      - type: tmpfs
        target: /tmp
    env_file: web.env
    logging: { driver: json-file, options: { max-size: 1m } }
volumes:
  data: {}
  cache:
    driver_opts: { type: tmpfs, device: tmpfs }
`),
    ).toEqual([]);
  });
});

describe("Compose rules on host paths", () => {
  it("refuses bind mounts outside the submission, short and long syntax (CIS 5.6)", () => {
    const found = check(`services:
  web:
    image: busybox:1.37
    volumes:
      - ./data:/data
      - ../other:/other
      - /etc:/host-etc:ro
      - ~/.ssh:/keys
      - type: bind
        source: /
        target: /host
`);
    expect(where(found)).toEqual(["bind-outside compose.yaml:6", "bind-outside compose.yaml:7", "bind-outside compose.yaml:8", "bind-outside compose.yaml:9"]);
    expect(found[1]).toMatchObject({ setting: "services.web.volumes: /etc:/host-etc:ro", cis: "5.6" });
    expect(found[1]?.message.en).toContain("(/etc)");
  });

  it("refuses the engine socket always, even through a path inside the submission (CIS 5.32)", () => {
    const found = check(`services:
  web:
    image: busybox:1.37
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
      - ./run/docker.sock:/sock
`);
    expect(where(found)).toEqual(["engine-socket compose.yaml:5", "engine-socket compose.yaml:6"]);
    expect(found[0]?.cis).toBe("5.32");
  });

  it("refuses shared mount propagation (CIS 5.20)", () => {
    expect(
      where(
        check(`services:
  web:
    image: busybox:1.37
    volumes:
      - ./data:/data:rshared
      - type: bind
        source: ./more
        target: /more
        bind: { propagation: shared }
`),
      ),
    ).toEqual(["mount-propagation compose.yaml:5", "mount-propagation compose.yaml:6"]);
  });

  it("refuses build contexts, Dockerfiles and additional contexts outside the submission or remote", () => {
    expect(
      where(
        check(`services:
  a:
    build: ..
  b:
    build:
      context: https://github.com/docker/welcome.git
  c:
    build:
      context: ./c
      dockerfile: ../../Dockerfile
      additional_contexts:
        base: docker-image://busybox:1.37
        shared: ../shared
        sibling: service:a
        local: ./lib
  d:
    build:
      context: ./d
      dockerfile: ../d.Dockerfile
`),
      ),
    ).toEqual([
      "build-outside compose.yaml:3",
      "build-outside compose.yaml:6",
      "build-outside compose.yaml:10",
      "build-outside compose.yaml:12",
      "build-outside compose.yaml:13",
    ]);
  });

  it("refuses env files, secrets and configs read outside the submission, or from the grader's environment", () => {
    expect(
      where(
        check(`services:
  web:
    image: busybox:1.37
    env_file:
      - web.env
      - /etc/environment
      - path: \${HOME}/.env
        required: false
secrets:
  ok: { file: ./secrets/pw.txt }
  host: { file: /etc/shadow }
  token: { environment: GITHUB_TOKEN }
configs:
  app: { file: ../app.conf }
  inline: { content: "x" }
`),
      ),
    ).toEqual([
      "env-file-outside compose.yaml:6",
      "env-file-outside compose.yaml:7",
      "secret-outside compose.yaml:11",
      "secret-outside compose.yaml:12",
      "config-outside compose.yaml:14",
    ]);
  });

  it("refuses include and extends files outside the submission or remote", () => {
    const found = check(`include:
  - ./parts/db.yaml
  - ../shared/compose.yaml
  - path: [./ok.yaml, /etc/compose.yaml]
    env_file: ../secrets.env
  - oci://registry.example/project:latest
services:
  web:
    extends:
      file: ../base.yaml
      service: web
`);
    expect(where(found)).toEqual([
      "include-outside compose.yaml:3",
      "include-outside compose.yaml:4",
      "env-file-outside compose.yaml:5",
      "include-outside compose.yaml:6",
      "extends-outside compose.yaml:10",
    ]);
  });
});

describe("Compose rules on networks and volumes", () => {
  it("refuses external networks and volumes, other drivers and device volumes", () => {
    expect(
      where(
        check(`services:
  web:
    image: busybox:1.37
networks:
  lan:
    external: true
  mac:
    driver: macvlan
  own: {}
volumes:
  shared:
    external: true
  nfs:
    driver_opts: { type: nfs, o: "addr=10.0.0.1", device: ":/export" }
  hostdir:
    driver_opts: { type: none, o: bind, device: /etc }
  plugin:
    driver: rexray
`),
      ),
    ).toEqual([
      "external-network compose.yaml:6",
      "network-driver compose.yaml:8",
      "external-volume compose.yaml:12",
      "volume-device compose.yaml:14",
      "volume-device compose.yaml:16",
      "volume-driver compose.yaml:18",
    ]);
  });
});

describe("the rule table", () => {
  it("gives every rule a sentence in both languages", () => {
    for (const [id, rule] of Object.entries(COMPOSE_RULES)) {
      expect(rule.message.fr, id).not.toBe("");
      expect(rule.message.en, id).not.toBe("");
      expect(rule.message.fr, id).not.toBe(rule.message.en);
    }
  });
});
