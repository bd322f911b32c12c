import { describe, expect, it } from "vitest";
import { normaliseImageRef, OFFLINE_BUILDABLE_REFS, offlineBuilderFor, parseImageRef, planBaseImages } from "../../../harness/images/base-image-plan.ts";
import { InvalidImageRefError } from "../../../harness/images/errors.ts";

const DIGEST = `sha256:${"a".repeat(64)}`;

describe("normaliseImageRef", () => {
  it.each([
    ["busybox", "busybox:latest"],
    ["busybox:1.36", "busybox:1.36"],
    ["debian:12-slim", "debian:12-slim"],
    ["docker.io/library/debian:12-slim", "debian:12-slim"],
    ["index.docker.io/library/busybox", "busybox:latest"],
    ["docker.io/busybox:1.36", "busybox:1.36"],
    ["library/debian:bookworm", "debian:bookworm"],
    ["docker.io/bitnami/redis:7", "bitnami/redis:7"],
    ["ghcr.io/library/debian:12", "ghcr.io/library/debian:12"],
    ["localhost:5000/app", "localhost:5000/app:latest"],
    ["registry.example:5000/team/app:1.2", "registry.example:5000/team/app:1.2"],
    [`busybox@${DIGEST}`, `busybox@${DIGEST}`],
    [`docker.io/library/busybox:1.36@${DIGEST}`, `busybox:1.36@${DIGEST}`],
  ])("%s -> %s", (ref, expected) => {
    expect(normaliseImageRef(ref)).toBe(expected);
  });

  it.each(["", " busybox", "busy box", "Busybox:1", "busybox:", "busybox:-x", "busybox@sha256:xyz", ":1.36", "team/:1"])("rejects %j with a hint", (ref) => {
    const error = (() => {
      try {
        normaliseImageRef(ref);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidImageRefError);
    expect((error as InvalidImageRefError).hint).toMatch(/name\[:tag\]/);
    expect((error as InvalidImageRefError).ref).toBe(ref);
  });

  it("keeps the registry's host and port apart from the tag", () => {
    expect(parseImageRef("localhost:5000/app:2")).toEqual({ repository: "localhost:5000/app", tag: "2" });
  });
});

describe("offlineBuilderFor", () => {
  it.each([
    ["debian:12-slim", "debootstrap"],
    ["debian:bookworm-slim", "debootstrap"],
    ["debian:12", "debootstrap"],
    ["debian:bookworm", "debootstrap"],
    ["docker.io/library/debian:12-slim", "debootstrap"],
    ["busybox", "busybox-source"],
    ["busybox:1.37", "busybox-source"],
    ["busybox:1.37.0", "busybox-source"],
    ["busybox:1", "busybox-source"],
    ["busybox:latest", "busybox-source"],
    ["busybox:1.37.0-dockgrade-test-1234", "busybox-source"],
  ])("%s is built with %s", (ref, builder) => {
    expect(offlineBuilderFor(ref)).toBe(builder);
  });

  it.each([
    "debian",
    "debian:13",
    "debian:trixie-slim",
    "ubuntu:24.04",
    "alpine:3.20",
    "bitnami/busybox:1",
    "ghcr.io/x/busybox:1",
    `busybox@${DIGEST}`,
    // Tags of versions the offline builder does not compile: an image under them would lie.
    "busybox:1.36",
    "busybox:1.36.1",
    "busybox:1.37.1",
    "busybox:dockgrade-test-1234",
    "busybox:1.37-musl",
  ])("%s has no offline builder", (ref) => {
    expect(offlineBuilderFor(ref)).toBeUndefined();
  });

  it("agrees with the refs listed for doctor", () => {
    for (const ref of OFFLINE_BUILDABLE_REFS) expect(offlineBuilderFor(ref)).toBeDefined();
  });
});

describe("planBaseImages", () => {
  it("groups aliases so one builder run serves them, in first-seen order", () => {
    expect(planBaseImages(["debian:bookworm", "busybox:1.37", "node:20", "debian:12-slim", "busybox"])).toEqual([
      { builder: "debootstrap", refs: ["debian:bookworm", "debian:12-slim"] },
      { builder: "busybox-source", refs: ["busybox:1.37", "busybox:latest"] },
      { refs: ["node:20"] },
    ]);
  });

  it("drops duplicates written differently", () => {
    expect(planBaseImages(["busybox", "busybox:latest", "docker.io/library/busybox:latest"])).toEqual([
      { builder: "busybox-source", refs: ["busybox:latest"] },
    ]);
  });

  it("keeps each image without a builder in its own group", () => {
    expect(planBaseImages(["node:20", "python:3.12"])).toEqual([{ refs: ["node:20"] }, { refs: ["python:3.12"] }]);
  });

  it("plans nothing for nothing", () => {
    expect(planBaseImages([])).toEqual([]);
  });
});
