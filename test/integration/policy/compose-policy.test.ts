import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, realpath, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { listExerciseIds, loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { prepareCompose } from "../../../harness/preflight/compose-preflight.ts";
import type { PolicyViolation } from "../../../harness/policy/violation.ts";
import { composeExercise, ProjectDirs } from "../../support/compose-projects.ts";

let engine: Engine;
const projects = new ProjectDirs();
beforeAll(async () => {
  engine = await connect();
});
afterAll(() => projects.cleanUp());

interface Setup {
  /** Files around the submission, relative to the submission (`../outside.env`). */
  readonly around?: Record<string, string>;
  /** FIFOs around the submission: reading one would block the reader for ever. */
  readonly fifos?: readonly string[];
  readonly links?: Record<string, string>;
  readonly exercise?: (dir: string) => Exercise;
}

/** The Compose pass of the preflight on a real folder with the real `docker compose config`, and how long it took. */
async function policy(files: Record<string, string>, setup: Setup = {}): Promise<{ violations: readonly PolicyViolation[]; ms: number }> {
  const outer = await projects.create(setup.around ?? {});
  const dir = join(outer, "submission");
  await mkdir(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  for (const fifo of setup.fifos ?? []) execFileSync("mkfifo", [join(dir, fifo)]);
  for (const [link, target] of Object.entries(setup.links ?? {})) await symlink(target, join(dir, link));
  const root = await realpath(dir);
  const exercise = setup.exercise?.(root) ?? composeExercise(root);
  const started = performance.now();
  const violations = (await prepareCompose({ engine, exercise, submission: { root, files: new Map() }, runId: "policy-test" })).violations;
  return { violations, ms: performance.now() - started };
}

const where = (violations: readonly PolicyViolation[]) => violations.map((violation) => `${violation.rule} ${violation.file}:${violation.line ?? "-"}`);

describe("the Compose policy on real projects", () => {
  it("refuses privileges, capabilities, host namespaces, devices and security options, each on its line", async () => {
    const { violations } = await policy(
      {
        "compose.yaml": `services:
  web:
    image: busybox:1.37
    privileged: true
    cap_add: [NET_ADMIN, SYS_ADMIN]
    network_mode: host
    pid: host
    ipc: host
    uts: host
    userns_mode: host
    devices: ["/dev/fuse:/dev/fuse"]
    security_opt: ["seccomp:unconfined", "apparmor:unconfined", "label:disable"]
    sysctls: { net.ipv4.ip_forward: 1 }
    cgroup_parent: escape
`,
      },
      { exercise: (root) => ({ ...composeExercise(root), policy: { allow: [], capAdd: ["NET_ADMIN"] } }) },
    );
    expect(where(violations)).toEqual([
      "privileged compose.yaml:4",
      "cap-add compose.yaml:5",
      "host-network compose.yaml:6",
      "host-pid compose.yaml:7",
      "host-ipc compose.yaml:8",
      "host-uts compose.yaml:9",
      "host-userns compose.yaml:10",
      "devices compose.yaml:11",
      "seccomp compose.yaml:12",
      "apparmor compose.yaml:12",
      "selinux-label compose.yaml:12",
      "sysctls compose.yaml:13",
      "cgroup-parent compose.yaml:14",
    ]);
    expect(violations[1]?.message.en).toContain("SYS_ADMIN");
  });

  it("refuses the engine socket reached through a symbolic link inside the submission, and binds outside it", async () => {
    const { violations } = await policy(
      {
        "compose.yaml": `services:
  web:
    image: busybox:1.37
    volumes:
      - ./data:/data
      - ./engine:/var/run/docker.sock
      - ../outside:/outside
      - /etc:/host-etc:ro
`,
      },
      { links: { engine: "/var/run/docker.sock" }, around: { "outside/marker": "x" } },
    );
    expect(where(violations)).toEqual(["engine-socket compose.yaml:6", "bind-outside compose.yaml:7", "bind-outside compose.yaml:8"]);
    expect(violations[0]?.cis).toBe("5.32");
  });

  it("refuses builds, secrets, networks and volumes that reach outside the project", async () => {
    const { violations } = await policy({
      "compose.yaml": `services:
  web:
    build:
      context: ..
      network: host
      additional_contexts:
        base: docker-image://busybox:1.37
    networks: [lan]
    volumes: [hostdir:/h]
    secrets: [pw]
networks:
  lan: { external: true }
volumes:
  hostdir:
    driver_opts: { type: none, o: bind, device: /etc }
secrets:
  pw: { file: /etc/hostname }
`,
    });
    expect(where(violations)).toEqual([
      "build-outside compose.yaml:4",
      "build-network-host compose.yaml:5",
      "build-outside compose.yaml:7",
      "external-network compose.yaml:12",
      "volume-device compose.yaml:15",
      "secret-outside compose.yaml:17",
    ]);
  });

  it("never lets Compose read an include, extends or env file outside the submission", { timeout: 20_000 }, async () => {
    // Outside files are FIFOs: whoever opened one to read it would block, and the test would time out.
    for (const [compose, rule, line] of [
      ["include:\n  - ../outside.yaml\nservices:\n  web:\n    image: busybox:1.37\n", "include-outside", 2],
      ["services:\n  web:\n    extends:\n      file: ../outside.yaml\n      service: web\n", "extends-outside", 4],
      ["services:\n  web:\n    image: busybox:1.37\n    env_file: ../outside.env\n", "env-file-outside", 4],
    ] as const) {
      const outer = await projects.create({});
      execFileSync("mkfifo", [join(outer, "outside.yaml"), join(outer, "outside.env")]);
      const dir = join(outer, "submission");
      await mkdir(dir);
      await writeFile(join(dir, "compose.yaml"), compose);
      const root = await realpath(dir);
      const started = performance.now();
      const violations = (await prepareCompose({ engine, exercise: composeExercise(root), submission: { root, files: new Map() }, runId: "policy-test" }))
        .violations;
      expect(where(violations)).toEqual([`${rule} compose.yaml:${line}`]);
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });

  it("refuses a FIFO in place of an env file or .env inside the submission, without opening it", async () => {
    const { violations, ms } = await policy(
      { "compose.yaml": "services:\n  web:\n    image: busybox:1.37\n    env_file: web.env\n" },
      { fifos: ["web.env", ".env"] },
    );
    expect(where(violations)).toEqual(["env-file-outside compose.yaml:4", "env-file-outside .env:-"]);
    expect(ms).toBeLessThan(5_000);
  });

  it("finds what a variable hides, resolved from the submission's .env", async () => {
    const { violations } = await policy({
      ".env": "PRIVILEGED=true\nEXTRA_CAP=SYS_ADMIN\nHOST_DIR=/etc\n",
      "compose.yaml": `services:
  web:
    image: busybox:1.37
    privileged: \${PRIVILEGED:-false}
    cap_add: ["\${EXTRA_CAP}"]
    volumes: ["\${HOST_DIR}:/data"]
`,
    });
    expect(where(violations)).toEqual(["privileged compose.yaml:4", "cap-add compose.yaml:5", "bind-outside compose.yaml:6"]);
    expect(violations[0]?.setting).toBe("services.web.privileged: true");
  });

  it("still resolves the project when the exercise allows the file Compose reads, and finds what variables hide", async () => {
    const { violations } = await policy(
      {
        ".env": "PRIVILEGED=true\n",
        "compose.yaml": "services:\n  web:\n    image: busybox:1.37\n    env_file: ../shared.env\n    privileged: ${PRIVILEGED:-false}\n",
      },
      { around: { "shared.env": "LEVEL=1\n" }, exercise: (root) => ({ ...composeExercise(root), policy: { allow: ["env-file-outside"], capAdd: [] } }) },
    );
    expect(where(violations)).toEqual(["env-file-outside compose.yaml:4", "privileged compose.yaml:5"]);
  });

  it("refuses an alias bomb within a bounded time, before Compose parses it", async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 12; level++) {
      const previous = String.fromCharCode(96 + level);
      levels.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${previous}`).join(",")}]`);
    }
    const { violations, ms } = await policy({ "compose.yaml": `x-bomb:\n  ${levels.join("\n  ")}\nservices:\n  web:\n    image: busybox:1.37\n` });
    expect(where(violations)).toEqual(["yaml-aliases compose.yaml:3"]);
    expect(ms).toBeLessThan(5_000);
  });

  it("refuses a file that is not UTF-8, naming its first bad line", async () => {
    const outer = await projects.create({});
    await mkdir(join(outer, "s"));
    await writeFile(
      join(outer, "s", "compose.yaml"),
      Buffer.concat([Buffer.from("services:\n  web:\n    image: busybox:1.37\n    labels:\n      ville: Montr"), Buffer.from([0xe9]), Buffer.from("al\n")]),
    );
    const root = await realpath(join(outer, "s"));
    const violations = (await prepareCompose({ engine, exercise: composeExercise(root), submission: { root, files: new Map() }, runId: "policy-test" }))
      .violations;
    expect(where(violations)).toEqual(["not-utf8 compose.yaml:5"]);
  });

  it("leaves a project Compose rejects to the compose-valid check", async () => {
    const { violations } = await policy({ "compose.yaml": "services:\n  web:\n    image: busybox:1.37\n    no_such_key: 1\n" });
    expect(violations).toEqual([]);
  });

  it("is not redirected by a .env that names other files, profiles or a project name", async () => {
    const files = {
      ".env": "COMPOSE_FILE=evil.yaml\nCOMPOSE_PROFILES=evil\nCOMPOSE_PROJECT_NAME=hijack\n",
      "compose.yaml": "services:\n  a:\n    image: busybox:1.37\n  b:\n    image: busybox:1.37\n    profiles: [evil]\n",
      "evil.yaml": "services:\n  z:\n    image: busybox:1.37\n    privileged: true\n",
    };
    const { violations } = await policy(files);
    expect(violations).toEqual([]);
    const dir = await projects.create(files);
    const resolved = await engine.compose.config({ dir, files: ["compose.yaml"], projectName: "dockgrade-policy-test", profiles: [] });
    expect(resolved.ok && { name: resolved.model.name, services: Object.keys(resolved.model.services) }).toEqual({
      name: "dockgrade-policy-test",
      services: ["a"],
    });
  });

  it("resolves Compose's default files in the project folder only, never through COMPOSE_FILE or a parent folder", async () => {
    const outer = await projects.create({ "compose.yaml": "services:\n  parent:\n    image: busybox:1.37\n" });
    const dir = join(outer, "submission");
    await mkdir(dir);
    const spec = { dir, files: [], projectName: "dockgrade-policy-test", profiles: [] };
    expect((await engine.compose.config(spec)).ok).toBe(false);
    await writeFile(join(dir, ".env"), "COMPOSE_FILE=../compose.yaml\n");
    await writeFile(join(dir, "compose.yaml"), "services:\n  own:\n    image: busybox:1.37\n");
    await writeFile(join(dir, "compose.override.yaml"), "services:\n  own:\n    read_only: true\n");
    const resolved = await engine.compose.config(spec);
    expect(resolved.ok && Object.entries(resolved.model.services).map(([name, service]) => [name, service.read_only])).toEqual([["own", true]]);
    await writeFile(join(dir, "compose.override.yaml"), "services:\n  own:\n    privileged: true\n");
    const violations = (
      await prepareCompose({
        engine,
        exercise: composeExercise(await realpath(dir)),
        submission: { root: await realpath(dir), files: new Map() },
        runId: "policy-test",
      })
    ).violations;
    expect(where(violations)).toEqual(["privileged compose.override.yaml:3"]);
  });

  it("finds nothing to refuse in any exercise's solution", async () => {
    for (const id of await listExerciseIds()) {
      const exercise = await loadExercise(id);
      if (!exercise.compose) continue;
      const root = await realpath(join(exercise.dir, "solution"));
      expect(existsSync(root)).toBe(true);
      const violations = (await prepareCompose({ engine, exercise, submission: { root, files: new Map() }, runId: "policy-test" })).violations;
      expect(violations, id).toEqual([]);
    }
  });
});
