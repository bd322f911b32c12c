import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { $ } from "zx";
import { CONTAINER_NAME_RULE, FIXED_RESOURCE_NAME_RULE } from "../../../harness/compose/fixed-name-findings.ts";
import { connect } from "../../../harness/engine/connect.ts";
import type { Engine } from "../../../harness/engine/engine.ts";
import { loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import { loadGraderSuite } from "../../../harness/grading/grader-catalog.ts";
import { gradeSubmission } from "../../../harness/grading/grade-submission.ts";
import type { GradeResult } from "../../../harness/kernel/result.ts";
import { leftovers } from "../../support/leftovers.ts";

/**
 * Copies of one submission that fix every name they can (`container_name`, the `image:` tag of a
 * service that builds, a network's and a volume's `name:`, a host port on loopback), graded at once
 * as a batch grades a class, beside the user's own container, image, network and volume of the same
 * names and a listener on the same port: every copy gets full marks, and the user's objects are as
 * they were.
 */
const EXERCISE_ID = "03-storage/01-persist-data";
const COPIES = 3;
/** Unique to this test run, so that nobody else's objects on the shared engine carry these names. */
const NAME = `dockgrade-isolation-${randomBytes(4).toString("hex")}`;
/** The tag the copies declare beside `build:`, which Compose alone would give each copy's build in turn. */
const IMAGE = `${NAME}/kvdb:1.0`;

function fixedNamesCompose(port: number): string {
  return `services:
  db:
    build: .
    container_name: ${NAME}
    image: ${IMAGE}
    restart: unless-stopped
    read_only: true
    tmpfs:
      - /tmp:size=16m
      - /run:size=1m
    ports:
      - "127.0.0.1:${port}:7379"
    volumes:
      - kv-data:/var/lib/kv
      - cache:/var/cache/kv
networks:
  default:
    name: ${NAME}
volumes:
  kv-data: {}
  cache:
    name: ${NAME}
`;
}

let engine: Engine;
let listener: Server;
let port: number;
const copies: string[] = [];
const USER_OBJECTS = ["container", "image", "network", "volume"] as const;
const userObjects: Record<(typeof USER_OBJECTS)[number], string> = { container: "", image: "", network: "", volume: "" };

async function idOf(kind: (typeof USER_OBJECTS)[number]): Promise<string> {
  const format = kind === "volume" ? "{{.Name}} {{.CreatedAt}}" : "{{.Id}}";
  return (await $({ quiet: true })`docker ${kind} inspect --format ${format} ${kind === "image" ? IMAGE : NAME}`).stdout.trim();
}

beforeAll(async () => {
  engine = await connect();
  // The user's own stack, started by hand: a container, a network and a volume under the copies' names, and the port they publish.
  listener = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  port = (listener.address() as AddressInfo).port;
  await $({ quiet: true })`docker network create ${NAME}`;
  await $({ quiet: true })`docker volume create ${NAME}`;
  await $({ quiet: true })`docker run -d --name ${NAME} --network ${NAME} -v ${NAME}:/data busybox:1.37 sleep 600`;
  await $({ quiet: true })`docker tag busybox:1.37 ${IMAGE}`;
  for (const kind of USER_OBJECTS) userObjects[kind] = await idOf(kind);
  const solution = join((await loadExercise(EXERCISE_ID)).dir, "solution");
  for (let copy = 0; copy < COPIES; copy++) {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-isolation-"));
    await cp(solution, dir, { recursive: true });
    await writeFile(join(dir, "compose.yaml"), fixedNamesCompose(port));
    copies.push(dir);
  }
});

afterAll(async () => {
  await $({ quiet: true, nothrow: true })`docker rm -f ${NAME}`;
  await $({ quiet: true, nothrow: true })`docker network rm ${NAME}`;
  await $({ quiet: true, nothrow: true })`docker volume rm ${NAME}`;
  // The tag only: busybox:1.37 is the grader's probe image, shared by everyone on the engine.
  await $({ quiet: true, nothrow: true })`docker image rm ${IMAGE}`;
  await new Promise((resolve) => listener?.close(resolve));
  await Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("grading runs are isolated from each other and from the user's objects", () => {
  it("grades copies that fix their names all at once, each with full marks, leaving the user's objects as they were", async () => {
    const exercise = await loadExercise(EXERCISE_ID);
    const suite = await loadGraderSuite(EXERCISE_ID);
    const results: GradeResult[] = await Promise.all(copies.map((submissionPath) => gradeSubmission({ engine, exercise, suite, submissionPath, lang: "en" })));
    for (const result of results) {
      expect(result.failure).toBeUndefined();
      const lost = result.checks.filter((check) => check.status !== "passed").map((check) => `${check.id}: ${check.message}`);
      expect(lost).toEqual([]);
      expect(result.score).toBe(result.maxScore);
      expect(await leftovers(engine, result.runId)).toEqual([]);
      // The run did not suffer from the names; the student is told why everyone else would.
      expect((result.findings ?? []).filter((finding) => finding.rule.startsWith("DG6")).map(({ rule, line }) => `${rule}:${line}`)).toEqual([
        `${CONTAINER_NAME_RULE}:4`,
        `${FIXED_RESOURCE_NAME_RULE}:18`,
        `${FIXED_RESOURCE_NAME_RULE}:22`,
      ]);
    }
    // Each run scanned the image it built, not the user's image of the declared tag nor another copy's.
    const scanned = results.map((result) => result.images?.find((image) => image.name === "db")?.digest);
    expect(scanned).not.toContain(undefined);
    expect(scanned).not.toContain(userObjects.image);
    expect(new Set(scanned).size).toBe(COPIES);
    for (const kind of USER_OBJECTS) expect(await idOf(kind)).toBe(userObjects[kind]);
    expect((await $({ quiet: true })`docker container inspect --format {{.State.Running}} ${NAME}`).stdout.trim()).toBe("true");
    expect(listener.listening).toBe(true);
  }, 600_000);
});
