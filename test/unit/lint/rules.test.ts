import { describe, expect, it } from "vitest";
import { lintDockerfile } from "../../../harness/lint/lint.ts";
import { LINT_RULE_DEFINITIONS } from "../../../harness/lint/rule-set.ts";
import { CLEAN_TAIL, lintAt, rulesFiring } from "./lint-at.ts";

describe("the lint rule set", () => {
  it("has unique ids, each with its course chapter and both languages", () => {
    expect(new Set(LINT_RULE_DEFINITIONS.map((rule) => rule.id)).size).toBe(LINT_RULE_DEFINITIONS.length);
    for (const rule of LINT_RULE_DEFINITIONS) {
      expect(["05", "08", "10"]).toContain(rule.course.chapter);
      expect(rule.title.fr).not.toBe(rule.title.en);
      expect(rule.help.fr).not.toBe(rule.help.en);
    }
  });

  it("finds nothing in a clean multi-stage Dockerfile", () => {
    expect(
      lintAt(
        "FROM debian:12-slim AS build",
        "RUN apt-get update && apt-get install -y --no-install-recommends gcc",
        "FROM busybox:1.37",
        "COPY --from=build /app /app",
        ...CLEAN_TAIL,
      ),
    ).toStrictEqual([]);
  });

  it("writes each finding as a lint finding with the rule's severity and course, at the file given", () => {
    const [finding] = lintDockerfile(`FROM busybox:1.37\nWORKDIR app\n${CLEAN_TAIL.join("\n")}`, "api/Dockerfile");
    expect(finding).toMatchObject({ kind: "lint", rule: "DG3022", severity: "error", file: "api/Dockerfile", line: 2, column: 1, course: { chapter: "05" } });
    expect(finding?.message.en).toContain("WORKDIR app");
  });
});

describe("base images", () => {
  it("flags a missing tag and `latest` at the image, after substituting build args, and never scratch or a stage", () => {
    expect(lintAt("FROM  debian AS build", "FROM busybox:latest", "FROM build", "FROM scratch", ...CLEAN_TAIL)).toStrictEqual(["DG3001 1:7", "DG3002 2:6"]);
    expect(rulesFiring("ARG BASE=debian", "FROM ${BASE}", ...CLEAN_TAIL)).toStrictEqual(["DG3001"]);
    expect(rulesFiring(`FROM busybox:latest@sha256:${"a".repeat(64)}`, ...CLEAN_TAIL)).toStrictEqual([]);
  });

  it("notes a `# syntax` line without a digest, as info", () => {
    const [finding] = lintDockerfile(["# syntax=docker/dockerfile:1", "FROM busybox:1.37", ...CLEAN_TAIL].join("\n"), "Dockerfile");
    expect(finding).toMatchObject({ rule: "DG3003", severity: "info", line: 1, column: 1 });
    expect(rulesFiring(`# syntax=docker/dockerfile:1@sha256:${"b".repeat(64)}`, "FROM busybox:1.37", ...CLEAN_TAIL)).toStrictEqual([]);
  });
});

describe("apt in RUN", () => {
  it("wants the lists removed in the same RUN, in the stages that ship only", () => {
    expect(lintAt("FROM debian:12-slim", "RUN apt-get update && apt-get install -y --no-install-recommends gcc", ...CLEAN_TAIL)).toStrictEqual(["DG3010 2:1"]);
    const removed = "RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*";
    expect(rulesFiring("FROM debian:12-slim", removed, ...CLEAN_TAIL)).toStrictEqual([]);
    const mounted = "RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends gcc";
    expect(rulesFiring("FROM debian:12-slim", mounted, ...CLEAN_TAIL)).toStrictEqual([]);
    // Removing them before installing, or in the next RUN, is too early or too late.
    expect(rulesFiring("FROM debian:12-slim", "RUN rm -rf /var/lib/apt/lists/* && apt-get install -y --no-install-recommends gcc", ...CLEAN_TAIL)).toContain(
      "DG3010",
    );
    // A builder stage only copied from does not ship; a stage the final one is built FROM does.
    expect(rulesFiring("FROM debian:12-slim AS build", "RUN apt-get install -y --no-install-recommends gcc", "FROM busybox:1.37", ...CLEAN_TAIL)).toStrictEqual(
      [],
    );
    expect(rulesFiring("FROM debian:12-slim AS base", "RUN apt-get install -y --no-install-recommends gcc", "FROM base", ...CLEAN_TAIL)).toStrictEqual([
      "DG3010",
    ]);
  });

  it("wants the lists removed after an `apt-get update` alone too, and after aptitude's", () => {
    expect(lintAt("FROM debian:12-slim", "RUN apt-get update", ...CLEAN_TAIL)).toStrictEqual(["DG3010 2:1"]);
    expect(rulesFiring("FROM debian:12-slim", "RUN aptitude update && aptitude install python", ...CLEAN_TAIL)).toStrictEqual(["DG3010"]);
    expect(rulesFiring("FROM debian:12-slim", "RUN apt-get update && rm -rf /var/lib/apt/lists/*", ...CLEAN_TAIL)).toStrictEqual([]);
  });

  it("reads the RUN of an ONBUILD, which runs in every image built FROM this one", () => {
    expect(lintAt("FROM debian:12-slim AS build", "ONBUILD RUN apt-get update && apt-get install -y gcc", "FROM busybox:1.37", ...CLEAN_TAIL)).toStrictEqual([
      "DG3010 2:9",
      "DG3011 2:9",
    ]);
    const mounted = "ONBUILD RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends gcc";
    expect(rulesFiring("FROM debian:12-slim", mounted, ...CLEAN_TAIL)).toStrictEqual([]);
    // A trigger is not the image's own USER, HEALTHCHECK or RUN layer.
    expect(rulesFiring("FROM busybox:1.37", "RUN a", "ONBUILD RUN b", "ONBUILD USER root", 'ONBUILD HEALTHCHECK CMD ["true"]', ...CLEAN_TAIL)).toStrictEqual(
      [],
    );
    expect(rulesFiring("FROM busybox:1.37", "ONBUILD USER 10001", 'ONBUILD HEALTHCHECK CMD ["true"]', 'CMD ["/app"]')).toStrictEqual(["DG3040", "DG3041"]);
  });

  it("wants --no-install-recommends (or its apt option) on every install, in every stage", () => {
    expect(lintAt("FROM debian:12-slim AS build", "RUN apt-get install -y gcc", "FROM busybox:1.37", ...CLEAN_TAIL)).toStrictEqual(["DG3011 2:1"]);
    expect(
      rulesFiring("FROM debian:12-slim AS b", "RUN apt-get install -y -o APT::Install-Recommends=false gcc", "FROM busybox:1.37", ...CLEAN_TAIL),
    ).toStrictEqual([]);
    // Flags of the RUN are not its command; a heredoc's lines are commands.
    expect(
      rulesFiring("FROM debian:12-slim AS b", "RUN --mount=type=cache,target=/var/cache/apt apt-get install -y gcc", "FROM busybox:1.37", ...CLEAN_TAIL),
    ).toStrictEqual(["DG3011"]);
    expect(
      rulesFiring("FROM debian:12-slim AS b", "RUN <<EOF", "apt-get update", "apt-get install -y gcc", "EOF", "FROM busybox:1.37", ...CLEAN_TAIL),
    ).toStrictEqual(["DG3011"]);
  });
});

describe("instructions", () => {
  it("wants COPY for local files, and lets ADD fetch URLs and unpack archives", () => {
    expect(
      lintAt(
        "FROM busybox:1.37",
        "ADD src/ /app/",
        "ADD https://example.com/a.txt /a",
        "ADD rootfs.tar.gz /",
        'ADD --chown=1:1 ["my file", "/b"]',
        ...CLEAN_TAIL,
      ),
    ).toStrictEqual(["DG3020 2:1", "DG3020 5:1"]);
  });

  it("reads ADD's sources without their quotes: a quoted archive or URL is ADD's to fetch or unpack", () => {
    expect(
      lintAt("FROM busybox:1.37", 'ADD "file.tgz" /app/', 'ADD "http://file.com" /app/', "ADD file.gz /app/", 'ADD "file.zip" /app/', ...CLEAN_TAIL),
    ).toStrictEqual(["DG3020 5:1"]);
  });

  it("wants CMD and ENTRYPOINT in exec form", () => {
    expect(lintAt("FROM busybox:1.37", "USER 10001", 'HEALTHCHECK CMD ["true"]', "ENTRYPOINT /app", "CMD [8080]")).toStrictEqual(["DG3021 4:1", "DG3021 5:1"]);
  });

  it("lets shell form be after a SHELL instruction, which chooses the shell on purpose, in its stage and the stages built FROM it", () => {
    const tail = ["USER 10001", 'HEALTHCHECK CMD ["true"]'];
    expect(rulesFiring("FROM debian:12-slim", 'SHELL ["/bin/bash", "-c"]', ...tail, "CMD ./server")).toStrictEqual([]);
    expect(rulesFiring("FROM debian:12-slim AS base", 'SHELL ["/bin/bash", "-c"]', "FROM base", ...tail, "CMD ./server")).toStrictEqual([]);
    expect(rulesFiring("FROM debian:12-slim AS base", 'SHELL ["/bin/bash", "-c"]', "FROM debian:12-slim", ...tail, "CMD ./server")).toStrictEqual(["DG3021"]);
  });

  it("wants an absolute WORKDIR, a variable being given the benefit of the doubt", () => {
    expect(lintAt("FROM busybox:1.37", "WORKDIR app", 'WORKDIR "/srv"', "WORKDIR $HOME", ...CLEAN_TAIL)).toStrictEqual(["DG3022 2:1"]);
  });

  it("lets a relative WORKDIR follow an absolute one, in its stage or inherited from the stage it is built FROM", () => {
    expect(rulesFiring("FROM busybox:1.37", "WORKDIR /app", "WORKDIR src", ...CLEAN_TAIL)).toStrictEqual([]);
    expect(rulesFiring("FROM busybox:1.37 AS base", "WORKDIR /app", "FROM base", "WORKDIR src", ...CLEAN_TAIL)).toStrictEqual([]);
    expect(lintAt("FROM busybox:1.37 AS base", "WORKDIR /app", "FROM busybox:1.37", "WORKDIR src", ...CLEAN_TAIL)).toStrictEqual(["DG3022 4:1"]);
    expect(lintAt("FROM busybox:1.37", "ONBUILD WORKDIR /app", "WORKDIR src", ...CLEAN_TAIL)).toStrictEqual(["DG3022 3:1"]);
  });
});

describe("RUN", () => {
  it("suggests merging consecutive single-command RUNs with the same flags", () => {
    expect(lintAt("FROM busybox:1.37", "RUN mkdir /a", "RUN touch /a/b", "RUN --network=none touch /c", "RUN a && b", "RUN c", ...CLEAN_TAIL)).toStrictEqual([
      "DG3030 3:1",
    ]);
  });

  it("wants pipefail before a pipe: from SHELL in this stage, or `set -o pipefail` first in the RUN", () => {
    expect(lintAt("FROM busybox:1.37", "RUN wget -O- http://x | tar x", ...CLEAN_TAIL)).toStrictEqual(["DG3031 2:1"]);
    expect(rulesFiring("FROM busybox:1.37", "RUN set -o pipefail && wget -O- http://x | tar x", ...CLEAN_TAIL)).toStrictEqual([]);
    expect(rulesFiring("FROM busybox:1.37", "RUN wget -O- http://x | tar x; set -o pipefail", ...CLEAN_TAIL)).toStrictEqual(["DG3031"]);
    expect(rulesFiring("FROM debian:12-slim", 'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]', "RUN a | b", ...CLEAN_TAIL)).toStrictEqual([]);
    expect(
      rulesFiring("FROM debian:12-slim AS b", 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', "FROM busybox:1.37", "RUN a | b", ...CLEAN_TAIL),
    ).toStrictEqual(["DG3031"]);
    expect(rulesFiring("FROM busybox:1.37", "RUN a || b", 'RUN echo "a|b"', ...CLEAN_TAIL)).toStrictEqual([]);
  });
});

describe("the final image", () => {
  it("wants a non-root last USER in the final stage only, and flags a final stage without one at its FROM", () => {
    expect(lintAt("FROM busybox:1.37 AS b", "USER root", "FROM busybox:1.37", "USER 0:0", 'HEALTHCHECK CMD ["true"]', 'CMD ["/app"]')).toStrictEqual([
      "DG3040 4:1",
    ]);
    expect(lintAt("FROM busybox:1.37 AS b", "USER 10001", "FROM busybox:1.37", 'HEALTHCHECK CMD ["true"]', 'CMD ["/app"]')).toStrictEqual(["DG3040 3:1"]);
    // Built FROM a stage that set the user: inherited.
    expect(lintAt("FROM busybox:1.37 AS b", "USER 10001", "FROM b", 'HEALTHCHECK CMD ["true"]', 'CMD ["/app"]')).toStrictEqual([]);
  });

  it("notes a final stage without HEALTHCHECK at its FROM; NONE is a choice", () => {
    expect(lintAt("FROM busybox:1.37 AS b", 'HEALTHCHECK CMD ["true"]', "FROM busybox:1.37", "USER 10001", 'CMD ["/app"]')).toStrictEqual(["DG3041 3:1"]);
    expect(lintAt("FROM busybox:1.37", "USER 10001", "HEALTHCHECK NONE", 'CMD ["/app"]')).toStrictEqual([]);
  });
});

describe("secrets", () => {
  it("flags ENV and ARG values with secret names at the name, masked, and lets file references be", () => {
    const findings = lintDockerfile(
      ["FROM busybox:1.37", "ENV MODE=prod DB_PASSWORD=hunter22", 'ARG API_TOKEN="tk_live_123"', "ENV DB_PASSWORD_FILE=/run/secrets/db", ...CLEAN_TAIL].join(
        "\n",
      ),
      "Dockerfile",
    );
    expect(findings.map((finding) => `${finding.rule} ${finding.line}:${finding.column}`)).toStrictEqual(["DG3050 2:15", "DG3050 3:5"]);
    expect(findings.map((finding) => finding.message.en).join("\n")).not.toMatch(/hunter22|tk_live_123/);
  });

  it("reads every name of an ARG line, and flags a secret ARG without a default: a --build-arg lands in the history", () => {
    expect(lintAt("FROM busybox:1.37", "ARG a=1 password=bar", ...CLEAN_TAIL)).toStrictEqual(["DG3050 2:9"]);
    expect(lintAt("FROM busybox:1.37", "ARG AWS_SECRET_ACCESS_KEY", "ARG git_key", "ARG GITHUB_TOKEN", ...CLEAN_TAIL)).toStrictEqual([
      "DG3050 2:5",
      "DG3050 3:5",
      "DG3050 4:5",
    ]);
    // Neither a file reference, nor a public key, nor a word that only contains one.
    expect(rulesFiring("FROM busybox:1.37", "ARG SSH_KEY_FILE", "ARG PUBLIC_KEY", "ARG MONKEY=1 AUTHOR=me", ...CLEAN_TAIL)).toStrictEqual([]);
  });
});
