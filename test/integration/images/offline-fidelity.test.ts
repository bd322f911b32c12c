import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { ensureBaseImages } from "../../../harness/images/ensure-base-images.ts";

/**
 * The base images built offline behave like the official ones for what the course uses: Dockerfiles
 * that work on Docker Hub's busybox:1.37 and debian:12-slim build and run on them. These are the
 * images every other test and every grading uses (made by test/global-setup.ts or here when absent);
 * a machine with a registry tests the official ones, which must pass too.
 */
const run = promisify(execFile);
const BUSYBOX = "busybox:1.37";
const DEBIAN = "debian:12-slim";

let engine: Engine;
const built: string[] = [];
const contexts: string[] = [];

beforeAll(async () => {
  engine = await connect();
  await ensureBaseImages(engine, [BUSYBOX, DEBIAN]);
}, 600_000);

afterAll(async () => {
  for (const ref of built) await engine.images.remove(ref, { force: true });
  for (const dir of contexts) await rm(dir, { recursive: true, force: true });
});

/** Builds `dockerfile` with the grader's builder and returns the image's tag; a failed build fails the test with its log. */
async function build(dockerfile: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dockgrade-fidelity-"));
  contexts.push(dir);
  await writeFile(join(dir, "Dockerfile"), dockerfile);
  const tag = `dockgrade-test-fidelity:${randomUUID().slice(0, 8)}`;
  built.push(tag);
  const outcome = await engine.builder.build({ contextDir: dir, dockerfile: join(dir, "Dockerfile"), tag, labels: {}, timeoutMs: 300_000 });
  expect(outcome.ok, outcome.log).toBe(true);
  return tag;
}

async function output(image: string, ...command: string[]): Promise<string> {
  const { stdout } = await run("docker", ["run", "--rm", "--network", "none", image, ...command]);
  return stdout.trim();
}

describe(`${BUSYBOX} built offline`, () => {
  it("has the tag's version inside", async () => {
    expect(await output(BUSYBOX, "sh", "-c", "busybox | head -n 1")).toMatch(/^BusyBox v1\.37\.\d+ /);
  });

  it("adds users and groups with adduser and addgroup, and runs as them (USER)", { timeout: 300_000 }, async () => {
    const image = await build(`FROM ${BUSYBOX}
RUN addgroup -g 10002 team && adduser -D -H -u 10001 app && addgroup app team && addgroup -S daemons && adduser -S -D -H -G daemons svc
USER app
CMD ["id"]
`);
    expect(await output(image)).toBe("uid=10001(app) gid=10001(app) groups=10001(app),10002(team)");
    expect(await output(image, "id", "-gn", "svc")).toBe("daemons");
    expect(await output(image, "id", "nobody")).toBe("uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)");
  });

  it("switches user with su, as root does in an entrypoint", { timeout: 300_000 }, async () => {
    const image = await build(`FROM ${BUSYBOX}
RUN adduser -D -u 10001 app
`);
    expect(await output(image, "su", "-s", "/bin/sh", "app", "-c", "id -un; echo $HOME")).toBe("app\n/home/app");
  });

  it("serves with httpd and fetches with wget and nc", async () => {
    const script = [
      "mkdir -p /tmp/www && echo bonjour > /tmp/www/index.html",
      "httpd -p 127.0.0.1:8080 -h /tmp/www",
      "sleep 0.3",
      "wget -q -O - http://127.0.0.1:8080/",
      "nc -z 127.0.0.1 8080 && echo port-open",
      "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc 127.0.0.1 8080 | head -n 1",
    ].join("; ");
    expect(await output(BUSYBOX, "sh", "-c", script)).toMatch(/^bonjour\nport-open\nHTTP\/1\.[01] 200 OK/);
  });

  it("is laid out like the official image: PATH, CMD, /tmp, /root, /home, /var/www, /usr/bin/env", async () => {
    const { config } = await engine.images.inspect(BUSYBOX);
    expect(config.Cmd).toEqual(["sh"]);
    expect(config.Env).toContain("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    const listing = await output(BUSYBOX, "sh", "-c", "stat -c '%n %a %U' /tmp /root /home /var/www /bin/busybox; /usr/bin/env true && echo env");
    expect(listing.split("\n")).toEqual(["/tmp 1777 root", "/root 700 root", "/home 755 nobody", "/var/www 755 root", "/bin/busybox 755 root", "env"]);
  });
});

describe(`${DEBIAN} built offline`, () => {
  it("adds users with useradd and groupadd (passwd) and adduser, and runs as them", { timeout: 300_000 }, async () => {
    const image = await build(`FROM ${DEBIAN}
RUN groupadd --gid 10002 team && useradd --uid 10001 --create-home --groups team app && adduser --system --group --no-create-home svc
USER app
CMD ["id"]
`);
    expect(await output(image)).toBe("uid=10001(app) gid=10001(app) groups=10001(app),10002(team)");
    expect(await output(image, "sh", "-c", "echo $HOME; ls -ld /home/app | cut -d ' ' -f 3; id -un svc")).toBe("/home/app\napp\nsvc");
  });

  it("installs a package with apt-get, and leaves no downloaded .deb behind", { timeout: 300_000 }, async () => {
    const image = await build(`FROM ${DEBIAN}
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
`);
    expect(await output(image, "tini", "--version")).toMatch(/^tini version \d+\.\d+\.\d+/);
    expect(await output(image, "sh", "-c", "ls /var/cache/apt/archives/*.deb 2>/dev/null | wc -l")).toBe("0");
  });

  it("says it is Debian 12 and has the official image's paths", async () => {
    expect(await output(DEBIAN, "sh", "-c", ". /etc/os-release; echo $ID $VERSION_ID $VERSION_CODENAME")).toBe("debian 12 bookworm");
    expect(await output(DEBIAN, "sh", "-c", "echo $PATH; for tool in bash apt-get dpkg; do command -v $tool; done")).toBe(
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n/usr/bin/bash\n/usr/bin/apt-get\n/usr/bin/dpkg",
    );
  });
});
