/**
 * The examples hadolint's wiki documents for each rule we share a lesson with: a "problematic" and a
 * "correct" Dockerfile, rewritten here as short snippets from reading the wiki pages (and their
 * mirrors). Where a page shows a lone RUN, a `FROM debian:12-slim` line is added in front: a
 * Dockerfile starts with FROM, and our apt rules judge only what ships.
 */
export interface PeerExample {
  readonly peer: string;
  readonly verdict: "problematic" | "correct";
  readonly dockerfile: string;
}

const FROM = "FROM debian:12-slim";

function pair(peer: string, problematic: readonly string[], ...correct: (readonly string[])[]): PeerExample[] {
  return [
    { peer, verdict: "problematic", dockerfile: problematic.join("\n") },
    ...correct.map((lines) => ({ peer, verdict: "correct" as const, dockerfile: lines.join("\n") })),
  ];
}

export const HADOLINT_EXAMPLES: readonly PeerExample[] = [
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
