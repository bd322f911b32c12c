import { describe, expect, it } from "vitest";
import { DEPENDENCY_STEP, judgeRebuild, readBuildSteps } from "../../../harness/checks/image/cache-steps.ts";

/** Dependencies installed after `COPY . .`: every edit reinstalls them. */
const COPY_ALL_FIRST = [
  "FROM debian:12-slim AS Build", // 1
  "WORKDIR /app", // 2
  "ENV LANG=C.UTF-8", // 3
  "COPY . .", // 4
  "RUN apt-get update \\", // 5
  " && apt-get install -y --no-install-recommends $(cat packages.txt)", // 6
  "RUN gcc -o server src/server.c", // 7
  "", // 8
  "FROM busybox:1.37", // 9
  "USER 10001:10001", // 10
  "COPY --from=build /app/server /usr/local/bin/server", // 11
].join("\n");

/** Rebuild log of COPY_ALL_FIRST after an edit of src/server.c, as BuildKit 0.13 prints it (vertices out of order). */
const COPY_ALL_FIRST_LOG = `#0 building with "default" instance using docker driver

#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 412B done
#1 DONE 0.0s

#5 [stage-1 1/2] FROM docker.io/library/busybox:1.37
#5 DONE 0.0s

#6 [build 1/5] FROM docker.io/library/debian:12-slim
#6 DONE 0.0s

#7 [internal] load build context
#7 transferring context: 4.48kB done
#7 DONE 0.0s

#8 [build 2/5] WORKDIR /app
#8 CACHED

#9 [build 3/5] COPY . .
#9 DONE 0.0s

#10 [build 4/5] RUN apt-get update  && apt-get install -y --no-install-recommends $(cat packages.txt)
#10 0.412 Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]
#10 DONE 21.3s

#5 [stage-1 1/2] FROM docker.io/library/busybox:1.37
#5 CACHED

#11 [build 5/5] RUN gcc -o server src/server.c
#11 DONE 0.4s

#12 [stage-1 2/2] COPY --from=build /app/server /usr/local/bin/server
#12 DONE 0.0s
`;

const MANIFEST_FIRST = [
  "FROM debian:12-slim AS build", // 1
  "WORKDIR /app", // 2
  "COPY packages.txt .", // 3
  "RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y $(cat packages.txt)", // 4
  "COPY src/ src/", // 5
  "RUN gcc -o server src/server.c", // 6
].join("\n");

const MANIFEST_FIRST_LOG = `#4 [1/6] FROM docker.io/library/debian:12-slim
#4 DONE 0.0s

#5 [2/6] WORKDIR /app
#5 CACHED

#6 [3/6] COPY packages.txt .
#6 CACHED

#7 [4/6] RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y $(cat packages.txt)
#7 CACHED

#8 [5/6] COPY src/ src/
#8 DONE 0.0s

#9 [6/6] RUN gcc -o server src/server.c
#9 DONE 0.3s
`;

describe("the steps of a Dockerfile as BuildKit numbers them", () => {
  it("counts FROM, RUN, COPY, ADD and WORKDIR per stage, and names stages by alias (lower case) or stage-N", () => {
    expect(readBuildSteps(COPY_ALL_FIRST)).toEqual([
      { stage: "build", index: 1, keyword: "FROM", line: 1 },
      { stage: "build", index: 2, keyword: "WORKDIR", line: 2 },
      { stage: "build", index: 3, keyword: "COPY", line: 4 },
      { stage: "build", index: 4, keyword: "RUN", line: 5 },
      { stage: "build", index: 5, keyword: "RUN", line: 7 },
      { stage: "stage-1", index: 1, keyword: "FROM", line: 9 },
      { stage: "stage-1", index: 2, keyword: "COPY", line: 11 },
    ]);
  });

  it("leaves a lone stage unnamed, alias or not, as BuildKit prints `[ 2/11]`", () => {
    expect(readBuildSteps("FROM busybox:1.37 AS app\nRUN true").map((step) => step.stage)).toEqual(["", ""]);
  });
});

describe("a rebuild judged from its log", () => {
  it("finds the dependency install rebuilt and the COPY that broke the cache, on their lines", () => {
    const judgement = judgeRebuild(COPY_ALL_FIRST_LOG, readBuildSteps(COPY_ALL_FIRST));
    expect(judgement.rebuilt.map((step) => step.line)).toEqual([4, 5, 7, 11]);
    expect(judgement.rebuiltDependencies).toEqual([{ text: "RUN apt-get update  && apt-get install -y --no-install-recommends $(cat packages.txt)", line: 5 }]);
    expect(judgement.brokenAt).toEqual({ text: "COPY . .", line: 4 });
    expect(judgement.unnamed).toBe(0);
  });

  it("passes a Dockerfile that copies its manifest first: only the sources' COPY and what follows ran", () => {
    const judgement = judgeRebuild(MANIFEST_FIRST_LOG, readBuildSteps(MANIFEST_FIRST));
    expect(judgement.rebuiltDependencies).toEqual([]);
    expect(judgement.brokenAt).toBeUndefined();
    expect(judgement.rebuilt.map((step) => step.text)).toEqual(["COPY src/ src/", "RUN gcc -o server src/server.c"]);
  });

  it("blames the dependency step itself when nothing before it in its stage ran again", () => {
    const log = "#7 [ 2/3] RUN apk add --no-cache curl\n#7 DONE 3.0s\n#8 [ 3/3] COPY app.sh /\n#8 DONE 0.0s\n";
    const judgement = judgeRebuild(log, readBuildSteps("FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY app.sh /"));
    expect(judgement.brokenAt).toEqual({ text: "RUN apk add --no-cache curl", line: 2 });
  });

  it("counts steps whose start the log lost (its head was cut), so the check does not guess", () => {
    const log = "…(tronqué / truncated: 90000 octets / bytes)…\n#10 2.0 Setting up gcc-12\n#10 DONE 21.3s\n#11 [ 5/5] RUN gcc x.c\n#11 DONE 0.4s\n";
    const judgement = judgeRebuild(log, readBuildSteps(MANIFEST_FIRST));
    expect(judgement.unnamed).toBe(1);
    expect(judgement.rebuiltDependencies).toEqual([]);
  });
});

describe("a dependency step", () => {
  it.each([
    "RUN apt-get update && apt-get install -y gcc",
    "RUN apt-get -qq install gcc",
    "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update",
    "RUN apk add --no-cache curl",
    "RUN pip install -r requirements.txt",
    "RUN npm ci --omit=dev",
    "RUN go mod download",
    "RUN make deps",
  ])("is recognised: %s", (step) => {
    expect(DEPENDENCY_STEP.test(step)).toBe(true);
  });

  it.each(["RUN gcc -static -Os -o server server.c && strip server", "RUN make", "COPY requirements.txt .", "RUN npm run build", "RUN ls /etc/apt/apt.conf.d"])(
    "is not: %s",
    (step) => {
      expect(DEPENDENCY_STEP.test(step)).toBe(false);
    },
  );
});
