/**
 * The cases hadolint documents for each rule we share a lesson with, and hadolint's verdict on each:
 * the wiki's "problematic" and "correct" examples, and the cases of its own tests
 * (test/Hadolint/Rule/<code>Spec.hs), rewritten here as snippets from reading them. Where a case
 * has no FROM, a `FROM debian:12-slim` line is added in front: a Dockerfile starts with FROM, and
 * our apt rules judge only what ships. A case hadolint also runs with every RUN under ONBUILD has
 * its ONBUILD twin. Where we judge otherwise on purpose, `disagreement` says why, in a line.
 */
export interface PeerExample {
  readonly peer: string;
  /** hadolint's verdict. */
  readonly verdict: "problematic" | "correct";
  readonly dockerfile: string;
  /** `wiki`, or the spec case's name. */
  readonly source: string;
  readonly disagreement?: string;
}

type Verdict = PeerExample["verdict"];

const FROM = "FROM debian:12-slim";

function pair(peer: string, problematic: readonly string[], ...correct: (readonly string[])[]): PeerExample[] {
  return [
    { peer, verdict: "problematic", dockerfile: problematic.join("\n"), source: "wiki" },
    ...correct.map((lines) => ({ peer, verdict: "correct" as const, dockerfile: lines.join("\n"), source: "wiki" })),
  ];
}

interface SpecOptions {
  /** hadolint's verdict with every RUN under ONBUILD, where its spec checks that too. */
  readonly onbuild?: Verdict;
  readonly disagreement?: string;
  readonly onbuildDisagreement?: string;
}

/** One case of hadolint's spec for `peer`, and its ONBUILD twin. */
function spec(peer: string, source: string, verdict: Verdict, lines: readonly string[], options: SpecOptions = {}): PeerExample[] {
  const written = lines.some((line) => /^FROM\s/i.test(line)) ? lines : [FROM, ...lines];
  const plain: PeerExample = { peer, verdict, dockerfile: written.join("\n"), source, ...(options.disagreement ? { disagreement: options.disagreement } : {}) };
  if (!options.onbuild) return [plain];
  const twin: PeerExample = {
    peer,
    verdict: options.onbuild,
    dockerfile: written.map((line) => (line.startsWith("RUN") ? `ONBUILD ${line}` : line)).join("\n"),
    source: `${source} (ONBUILD)`,
    ...(options.onbuildDisagreement ? { disagreement: options.onbuildDisagreement } : {}),
  };
  return [plain, twin];
}

const P = "problematic";
const C = "correct";

export const HADOLINT_EXAMPLES: readonly PeerExample[] = [
  ...wikiExamples(),
  ...dl3000(),
  ...dl3002(),
  ...dl3006(),
  ...dl3007(),
  ...dl3009(),
  ...dl3015(),
  ...dl3020(),
  ...dl3025(),
  ...dl3057(),
  ...dl3059(),
  ...dl4006(),
];

function wikiExamples(): PeerExample[] {
  return [
    ...pair("DL3000", ["FROM busybox", "WORKDIR usr/src/app"], ["FROM busybox", "WORKDIR /usr/src/app"]),
    ...pair("DL3002", ["FROM busybox", "USER root", "RUN ..."], ["FROM busybox", "USER root", "RUN ...", "USER guest"]),
    ...pair("DL3006", ["FROM debian"], ["FROM debian:jessie"]),
    ...pair("DL3007", ["FROM debian:latest"], ["FROM debian:jessie"]),
    ...pair(
      "DL3009",
      [FROM, "RUN apt-get update && apt-get install -y python"],
      [FROM, "RUN apt-get update && apt-get install -y python \\", " && apt-get clean \\", " && rm -rf /var/lib/apt/lists/*"],
    ),
    ...pair("DL3015", [FROM, "RUN apt-get install -y python=2.7"], [FROM, "RUN apt-get install -y --no-install-recommends python=2.7"]),
    ...pair("DL3020", ["FROM python:3.4", "ADD requirements.txt /usr/src/app/"], ["FROM python:3.4", "COPY requirements.txt /usr/src/app/"]),
    ...pair("DL3025", ["FROM busybox", "ENTRYPOINT s3cmd"], ["FROM busybox", 'ENTRYPOINT ["s3cmd"]']),
    ...pair("DL3025", ["FROM busybox", "CMD my-service server"], ["FROM busybox", 'CMD ["my-service", "server"]']),
    ...pair("DL3057", ["FROM busybox"], ["FROM busybox", "HEALTHCHECK CMD /bin/health"], ["FROM busybox", "HEALTHCHECK NONE"]),
    ...pair(
      "DL3059",
      [FROM, "RUN command_creating_big_files", "RUN command_deleting_these_files"],
      [FROM, "RUN command_creating_big_files \\", " && command_deleting_these_files"],
    ),
    ...pair(
      "DL3059",
      [FROM, "RUN command_updating_package_info", "RUN command_using_package_info"],
      [FROM, "RUN command_updating_package_info \\", " && command_using_package_info"],
    ),
    ...pair(
      "DL4006",
      [FROM, "RUN wget -O - https://some.site | wc -l > /number"],
      [FROM, 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', "RUN wget -O - https://some.site | wc -l > /number"],
    ),
  ];
}

function dl3000(): PeerExample[] {
  const workdir = (source: string, verdict: Verdict, path: string) => spec("DL3000", source, verdict, [`WORKDIR ${path}`]);
  return [
    ...workdir("workdir relative", P, "relative/dir"),
    ...workdir("workdir absolute", C, "/usr/local"),
    ...workdir("workdir variable", C, "${work}"),
    ...workdir("workdir relative single quotes", P, "'relative/dir'"),
    ...workdir("workdir absolute single quotes", C, "'/usr/local'"),
    ...workdir("workdir relative double quotes", P, '"relative/dir"'),
    ...workdir("workdir absolute double quotes", C, '"/usr/local"'),
    ...workdir("workdir variable double quotes", C, '"${dir}"'),
    ...workdir("workdir absolute windows", C, "'C:\\'"),
    ...workdir("workdir absolute windows quotes", C, '"C:\\"'),
    ...workdir("workdir absolute windows alternative", C, "C:/"),
    ...workdir("workdir absolute windows quotes alternative", C, '"C:/"'),
  ];
}

function dl3002(): PeerExample[] {
  return [
    ...spec("DL3002", "last user should not be root", P, ["FROM scratch", "USER root"]),
    ...spec("DL3002", "no root", C, ["FROM scratch", "USER foo"]),
    ...spec("DL3002", "no root UID", P, ["FROM scratch", "USER 0"]),
    ...spec("DL3002", "no root:root", P, ["FROM scratch", "USER root:root"]),
    ...spec("DL3002", "no UID:GID", P, ["FROM scratch", "USER 0:0"]),
    ...spec("DL3002", "can switch back to non root", C, ["FROM scratch", "USER root", "RUN something", "USER foo"]),
    ...spec("DL3002", "warns on transitive root user", P, ["FROM debian as base", "USER root", "RUN something", "FROM base", "RUN something else"]),
    ...spec("DL3002", "warns on multiple stages", P, ["FROM debian as base", "USER root", "RUN something", "FROM scratch", "USER foo", "RUN something else"], {
      disagreement: "a builder stage that does not ship may run as root: only the final image's user runs the application",
    }),
    ...spec(
      "DL3002",
      "does not warn when switching in multiple stages",
      C,
      ["FROM debian as base", "USER root", "RUN something", "USER foo", "FROM scratch", "RUN something else"],
      {
        disagreement: "a final stage without USER runs as root whatever an unrelated stage did: we flag it at its FROM",
      },
    ),
  ];
}

function dl3006(): PeerExample[] {
  const locals = ["FROM golang:1.9.3-alpine3.7 AS build", "RUN foo", "FROM build as unit-test", "RUN bar", "FROM alpine:3.7", "RUN baz"];
  const others = ["FROM golang:1.9.3-alpine3.7 AS build", "RUN foo", "FROM node as unit-test", "RUN bar", "FROM alpine:3.7", "RUN baz"];
  return [
    ...spec("DL3006", "no untagged", P, ["FROM debian"]),
    ...spec("DL3006", "no untagged with name", P, ["FROM debian AS builder"]),
    ...spec("DL3006", "untagged digest is not an error", C, ["FROM ruby@sha256:f1dbca0f5dbc9"]),
    ...spec("DL3006", "tagged is not an error", C, ["FROM ruby:2"]),
    ...spec("DL3006", "using args is not an error", C, ["FROM ${VALUE}"]),
    ...spec("DL3006", "local aliases are OK to be untagged", C, locals, { onbuild: C }),
    ...spec("DL3006", "other untagged cases are not ok", P, others, { onbuild: P }),
    ...spec("DL3006", "scratch", C, ["FROM scratch"]),
  ];
}

function dl3007(): PeerExample[] {
  const sha = "7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb";
  return [
    ...spec("DL3007", "explicit latest", P, ["FROM debian:latest"]),
    ...spec("DL3007", "explicit latest with name", P, ["FROM debian:latest AS builder"]),
    ...spec("DL3007", "explicit tagged", C, ["FROM debian:jessie"]),
    ...spec("DL3007", "explicit SHA", C, [`FROM hub.docker.io/debian@sha256:${sha}`]),
    ...spec("DL3007", "explicit tagged and SHA", C, [`FROM hub.docker.io/debian:latest@sha256:${sha}`]),
    ...spec("DL3007", "explicit tagged with name", C, ["FROM debian:jessie AS builder"]),
  ];
}

function dl3009(): PeerExample[] {
  const install = "apt-get update && apt-get install python";
  const cacheLibOnly = "a cache or tmpfs mount on /var/lib/apt keeps the lists out of the layer; /var/cache/apt is not this rule's lesson";
  return [
    ...spec("DL3009", "apt-get no cleanup", P, ["FROM scratch", `RUN ${install}`], { onbuild: P }),
    ...spec("DL3009", "apt-get cleanup in stage image", C, ["FROM ubuntu as foo", `RUN ${install}`, "FROM scratch", "RUN echo hey!"], { onbuild: P }),
    ...spec("DL3009", "apt-get no cleanup in last stage", P, ["FROM ubuntu as foo", "RUN hey!", "FROM scratch", `RUN ${install}`], { onbuild: P }),
    ...spec("DL3009", "apt-get no cleanup in intermediate stage", P, ["FROM ubuntu as foo", `RUN ${install}`, "FROM foo", "RUN hey!"], { onbuild: P }),
    ...spec(
      "DL3009",
      "no warn apt-get cleanup in intermediate stage that cleans lists",
      C,
      ["FROM ubuntu as foo", `RUN ${install} && rm -rf /var/lib/apt/lists/*`, "FROM foo", "RUN hey!"],
      { onbuild: C },
    ),
    ...spec("DL3009", "apt-get cleanup", C, ["FROM scratch", `RUN ${install} && rm -rf /var/lib/apt/lists/*`], { onbuild: C }),
    ...spec("DL3009", "BuildKit cache mount to apt lists directory", C, ["RUN --mount=type=cache,target=/var/lib/apt/lists \\", `    ${install}`], {
      onbuild: C,
    }),
    ...spec(
      "DL3009",
      "BuildKit cache mount to apt directories 1",
      C,
      [
        "RUN --mount=type=cache,target=/var/lib/apt \\",
        "    --mount=type=cache,target=/var/cache/apt \\",
        "    rm -f /etc/apt/apt.conf.d/docker-clean && \\",
        `    ${install}`,
      ],
      { onbuild: C },
    ),
    ...spec(
      "DL3009",
      "BuildKit cache mount to apt directories 2",
      C,
      [
        "RUN rm -f /etc/apt/apt.conf.d/docker-clean",
        "RUN --mount=type=cache,target=/var/cache/apt \\",
        "    --mount=type=cache,target=/var/lib/apt \\",
        "    apt-get update && apt-get install foo",
      ],
      { onbuild: C },
    ),
    ...spec(
      "DL3009",
      "BuildKit cache mount to apt cache directory only",
      P,
      ["RUN --mount=type=cache,target=/var/cache/apt \\", "    rm -f /etc/apt/apt.conf.d/docker-clean && \\", `    ${install}`],
      { onbuild: P },
    ),
    ...spec(
      "DL3009",
      "BuildKit cache mount to apt lists directory only",
      P,
      ["RUN rm -f /etc/apt/apt.conf.d/docker-clean", "RUN --mount=type=cache,target=/var/lib/apt \\", `    ${install}`],
      {
        onbuild: P,
        disagreement: cacheLibOnly,
        onbuildDisagreement: cacheLibOnly,
      },
    ),
    ...spec(
      "DL3009",
      "tmpfs mount to apt cache and lists directory",
      C,
      ["RUN \\", "  --mount=type=tmpfs,target=/var/cache/apt \\", "  --mount=type=tmpfs,target=/var/lib/apt \\", "  apt-get update"],
      {
        onbuild: C,
      },
    ),
    ...spec(
      "DL3009",
      "tmpfs mount to apt cache and cache mount to lists directory",
      C,
      ["RUN \\", "  --mount=type=tmpfs,target=/var/cache/apt \\", "  --mount=type=cache,target=/var/lib/apt \\", "  apt-get update"],
      {
        onbuild: C,
      },
    ),
    ...spec(
      "DL3009",
      "cache mount to apt cache and tmpfs mount to lists directory",
      C,
      ["RUN \\", "  --mount=type=cache,target=/var/cache/apt \\", "  --mount=type=tmpfs,target=/var/lib/apt \\", "  apt-get update"],
      {
        onbuild: C,
      },
    ),
    ...spec(
      "DL3009",
      "cache mount to apt cache and lists directory",
      C,
      ["RUN \\", "  --mount=type=cache,target=/var/cache/apt \\", "  --mount=type=cache,target=/var/lib/apt \\", "  apt-get update"],
      {
        onbuild: C,
      },
    ),
    ...spec("DL3009", "apt no cleanup", P, ["FROM scratch", "RUN apt update && apt install python"], { onbuild: P }),
    ...spec("DL3009", "apt cleanup", C, ["FROM scratch", "RUN apt update && apt install python && rm -rf /var/lib/apt/lists/*"], { onbuild: C }),
    ...spec("DL3009", "aptitude no cleanup", P, ["FROM scratch", "RUN aptitude update && aptitude install python"], { onbuild: P }),
    ...spec("DL3009", "aptitude cleanup", C, ["FROM scratch", "RUN aptitude update && aptitude install python && rm -rf /var/lib/apt/lists/*"], { onbuild: C }),
  ];
}

function dl3015(): PeerExample[] {
  return [
    ...spec("DL3015", "apt-get install recommends", C, ["RUN apt-get install --no-install-recommends python"], { onbuild: C }),
    ...spec("DL3015", "apt-get no install recommends", P, ["RUN apt-get install python"], { onbuild: P }),
    ...spec("DL3015", "apt-get -y no install recommends", P, ["RUN apt-get -y install python"], { onbuild: P }),
    ...spec("DL3015", "apt-get no install recommends via option", C, ["RUN apt-get -o APT::Install-Recommends=false install python"], { onbuild: C }),
  ];
}

function dl3020(): PeerExample[] {
  const add = (source: string, verdict: Verdict, from: string) => spec("DL3020", source, verdict, [`ADD ${from} /usr/src/app/`]);
  return [
    ...add("add for tar", C, "file.tar"),
    ...add("add for gzip", C, "file.gz"),
    ...add("add for bz2", C, "file.bz2"),
    ...add("add for xz", C, "file.xz"),
    ...add("add for tgz", C, "file.tgz"),
    ...add("add for url", C, "http://file.com"),
    ...add("using add", P, "file"),
    ...add("warn for zip", P, "file.zip"),
    ...add("add for tgz with quotes", C, '"file.tgz"'),
    ...add("add for url with quotes", C, '"http://file.com"'),
    ...add("warn for zip with quotes", P, '"file.zip"'),
  ];
}

function dl3025(): PeerExample[] {
  return [
    ...spec("DL3025", "warn on ENTRYPOINT", P, ["FROM node as foo", "ENTRYPOINT something"]),
    ...spec("DL3025", "don't warn on ENTRYPOINT json notation", C, ["FROM scratch as build", 'ENTRYPOINT ["foo", "bar"]']),
    ...spec("DL3025", "warn on CMD", P, ["FROM node as foo", "CMD something"]),
    ...spec("DL3025", "don't warn on CMD json notation", C, ["FROM scratch as build", 'CMD ["foo", "bar"]', 'CMD [ "foo", "bar" ]']),
    ...spec("DL3025", "warn on HEALTHCHECK CMD shell notation", P, ["HEALTHCHECK CMD foobar"], {
      disagreement: "a healthcheck's shell is not process 1: no SIGTERM to lose, and shell form is how most probes are written",
    }),
    ...spec("DL3025", "don't warn on HEALTHCHECK CMD json notation", C, ['HEALTHCHECK CMD [ "foobar" ]']),
    ...spec("DL3025", "don't warn on CMD JSON notation with broken long strings", C, [
      'CMD [ "/bin/sh", "-c", \\',
      '      "echo foo && \\',
      '       echo bar" \\',
      "    ]",
    ]),
  ];
}

function dl3057(): PeerExample[] {
  return [
    ...spec("DL3057", "warn with no HEALTHCHECK instructions", P, ["FROM scratch"]),
    ...spec("DL3057", "ok when HEALTHCHECK is explicitly disabled", C, ["FROM scratch", "HEALTHCHECK NONE"]),
    ...spec("DL3057", "ok with one HEALTHCHECK instruction", C, ["FROM scratch", "HEALTHCHECK CMD /bin/bla"]),
    ...spec("DL3057", "ok with inheriting HEALTHCHECK instruction", C, ["FROM scratch AS base", "HEALTHCHECK CMD /bin/bla", "FROM base"]),
    ...spec("DL3057", "ok with ending inheritance chain with HEALTHCHECK", C, [
      "FROM scratch AS base1",
      "FROM base1 AS base2",
      "FROM base2 AS base3",
      "FROM base3 AS end",
      "HEALTHCHECK NONE",
    ]),
    ...spec("DL3057", "warn when inheritance chain bifurcates", P, [
      "FROM scratch AS base1",
      "FROM base1 AS base2",
      "FROM base2 AS base3.1",
      "FROM base2 AS base3.2",
      "",
      "FROM base3.1 AS end1",
      "HEALTHCHECK NONE",
      "",
      "FROM base3.2 AS end2",
    ]),
    ...spec("DL3057", "warn when not inheriting with no HEALTHCHECK instruction", P, ["FROM scratch AS base", "HEALTHCHECK CMD /bin/bla", "FROM scratch"]),
  ];
}

function dl3059(): PeerExample[] {
  const runs = (source: string, verdict: Verdict, ...lines: string[]) => spec("DL3059", source, verdict, lines);
  return [
    ...runs("ok with no RUN at all", C, "FROM debian:10"),
    ...runs("ok with one RUN", C, "RUN /foo.sh"),
    ...runs("ok with two not consecutive RUN", C, "RUN /foo.sh", "WORKDIR /", "RUN /bar.sh"),
    ...runs("not ok with two consecutive RUNs", P, "RUN /foo.sh", "RUN /bar.sh"),
    ...runs("not ok with two RUNs separated by a comment", P, "RUN /foo.sh", "# a comment", "RUN /bar.sh"),
    ...runs("not ok with two RUNs separated by two comment", P, "RUN /foo.sh", "# a comment", "# another comment", "RUN /bar.sh"),
    ...runs("ok with one RUN after a comment", C, "# a comment", "RUN /foo.sh"),
    ...runs("ok with two consecutive RUNs when flags are different 1", C, "RUN --mount=type=secret,id=foo /foo.sh", "RUN /bar.sh"),
    ...runs("ok with two consecutive RUNs when flags are different 2", C, "RUN --mount=type=secret,id=foo /foo.sh", "RUN --mount=type=secret,id=bar /bar.sh"),
    ...runs("not ok with two consecutive RUNs when flags are equal", P, "RUN --mount=type=secret,id=foo /foo.sh", "RUN --mount=type=secret,id=foo /bar.sh"),
    ...runs("ok with two consecutive RUNs when commands are chained 1", C, "RUN foo && bar", "RUN foobar"),
    ...runs("ok with two consecutive RUNs when commands are chained 2", C, "RUN foo; bar", "RUN foobar"),
    ...runs("ok with two consecutive RUNs when commands are chained 3", C, "RUN foobar", "RUN foo && bar"),
    ...runs("ok with two consecutive RUNs when commands are chained 4", C, "RUN foobar", "RUN foo; bar"),
    ...runs("ok with two consecutive RUNs when commands are chained 5", C, "RUN foo && bar", "RUN foo; bar"),
    ...runs("not ok when more than one RUN has just one command in a row", P, "RUN foo && bar", "RUN foo", "RUN bar"),
  ];
}

function dl4006(): PeerExample[] {
  const wget = "RUN wget -O - https://some.site | wc -l file > /number";
  const shell = (words: readonly string[]) => `SHELL [${words.map((word) => `"${word}"`).join(", ")}]`;
  const powershell = "RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value";
  return [
    ...spec("DL4006", "warn on missing pipefail", P, ["FROM scratch", "RUN wget -O - https://some.site | wc -l > /number"]),
    ...spec("DL4006", "don't warn on commands with no pipes", C, ["FROM scratch as build", "RUN wget -O - https://some.site && wc -l file > /number"]),
    ...spec("DL4006", "pipefail option", C, ["FROM scratch as build", shell(["/bin/bash", "-eo", "pipefail", "-c"]), wget]),
    ...spec("DL4006", "pipefail option 2", C, ["FROM scratch as build", shell(["/bin/bash", "-e", "-o", "pipefail", "-c"]), wget]),
    ...spec("DL4006", "pipefail option 3", C, ["FROM scratch as build", shell(["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]), wget]),
    ...spec("DL4006", "pipefail zsh", C, ["FROM scratch as build", shell(["/bin/zsh", "-o", "pipefail", "-c"]), wget]),
    ...spec("DL4006", "bash at a non-standard absolute path", C, ["FROM scratch as build", shell(["/usr/bin/bash", "-o", "pipefail", "-c"]), wget]),
    ...spec("DL4006", "zsh at a non-standard absolute path", C, ["FROM scratch as build", shell(["/usr/local/bin/zsh", "-o", "pipefail", "-c"]), wget]),
    ...spec("DL4006", "don't warn on powershell", C, ["FROM scratch as build", shell(["pwsh", "-c"]), powershell]),
    ...spec("DL4006", "warns when using plain sh", P, ["FROM scratch as build", shell(["/bin/sh", "-o", "pipefail", "-c"]), wget], {
      disagreement: "the course's busybox images run ash as sh, which honours -o pipefail",
    }),
    ...spec("DL4006", "warn on missing pipefail in the next image", P, [
      "FROM scratch as build",
      shell(["/bin/bash", "-o", "pipefail", "-c"]),
      wget,
      "FROM scratch as build2",
      wget,
    ]),
    ...spec("DL4006", "warn on missing pipefail if next SHELL is not using it", P, [
      "FROM scratch as build",
      shell(["/bin/bash", "-o", "pipefail", "-c"]),
      wget,
      shell(["/bin/sh", "-c"]),
      wget,
    ]),
    ...spec("DL4006", "ignore non posix shells: pwsh", C, ["FROM mcr.microsoft.com/powershell:ubuntu-16.04", 'SHELL [ "pwsh", "-c" ]', powershell]),
    ...spec("DL4006", "ignore non posix shells: powershell", C, ["FROM mcr.microsoft.com/powershell:ubuntu-16.04", 'SHELL [ "powershell.exe" ]', powershell]),
    ...spec("DL4006", "ignore non posix shells: cmd.exe", C, ["FROM mcr.microsoft.com/powershell:ubuntu-16.04", 'SHELL [ "cmd.exe", "/c" ]', powershell]),
  ];
}
