/**
 * BuildKit's documented examples for each of its 22 build checks (moby/buildkit,
 * frontend/dockerfile/docs/rules/<check>.md, the "Examples" sections, and the snippets of each
 * "Description"), with BuildKit's verdict, rewritten here from reading them; a few cases of its
 * check tests (frontend/dockerfile/dockerfile_check_test.go) are added where the docs give none
 * for a behaviour we copy. Where we judge otherwise on purpose, `disagreement` says why, in a line.
 */
export interface BuildkitExample {
  /** BuildKit's check, as `# check=skip=` names it. */
  readonly check: string;
  readonly verdict: "bad" | "good";
  readonly dockerfile: string;
  /** The build context's `.dockerignore`, for CopyIgnoredFile. */
  readonly dockerignore?: string;
  /** `docs`, or the check test's function. */
  readonly source: string;
  readonly disagreement?: string;
}

function docs(check: string, verdict: BuildkitExample["verdict"], lines: readonly string[], more: Partial<BuildkitExample> = {}): BuildkitExample {
  return { check, verdict, dockerfile: lines.join("\n"), source: "docs", ...more };
}

/** The checks no rule of ours covers, and why. */
export const NOT_COVERED: Readonly<Record<string, string>> = {
  InvalidBaseImagePlatform:
    "compares the platform of the base image as pulled with the build's target: a fact of the registry and the engine, not of the text (no docs page, no example)",
  InvalidDefinitionDescription: "experimental and off by default in BuildKit; `--call=outline` descriptions are not a lesson of the course",
};

export const BUILDKIT_EXAMPLES: readonly BuildkitExample[] = [
  docs("StageNameCasing", "bad", ["FROM alpine AS BuilderBase"]),
  docs("StageNameCasing", "good", ["FROM alpine AS builder-base"]),

  docs("FromAsCasing", "bad", ["FROM debian:latest as builder"]),
  docs("FromAsCasing", "good", ["FROM debian:latest AS deb-builder"]),
  docs("FromAsCasing", "good", ["from debian:latest as deb-builder"]),
  docs("FromAsCasing", "good", ["From scratch as base", "FROM scratch AS base2"], { source: "testConsistentInstructionCasing" }),

  docs("NoEmptyContinuation", "bad", ["FROM alpine", "RUN apk add \\", "", "    gnupg \\", "", "    curl"]),
  docs("NoEmptyContinuation", "bad", ["FROM alpine", "EXPOSE \\", "", "80"]),
  docs("NoEmptyContinuation", "good", ["FROM alpine", "EXPOSE \\", "# Port", "80"]),

  docs("ConsistentInstructionCasing", "bad", ["From alpine", "Run echo hello > /greeting.txt", 'EntRYpOiNT ["cat", "/greeting.txt"]']),
  docs("ConsistentInstructionCasing", "good", ["FROM alpine", "RUN echo hello > /greeting.txt", 'ENTRYPOINT ["cat", "/greeting.txt"]']),
  docs("ConsistentInstructionCasing", "good", ["from alpine", "run echo hello > /greeting.txt", 'entrypoint ["cat", "/greeting.txt"]']),
  docs("ConsistentInstructionCasing", "bad", ["FROM scratch", "copy Dockerfile /foo", "COPY Dockerfile /bar"], { source: "testConsistentInstructionCasing" }),

  docs("DuplicateStageName", "bad", ["FROM debian:latest AS builder", "RUN apt-get update; apt-get install -y curl", "", "FROM golang:latest AS builder"]),
  docs("DuplicateStageName", "good", [
    "FROM debian:latest AS deb-builder",
    "RUN apt-get update; apt-get install -y curl",
    "",
    "FROM golang:latest AS go-builder",
  ]),

  docs("ReservedStageName", "bad", ["FROM alpine AS scratch", "FROM alpine AS context"]),
  docs("ReservedStageName", "good", ["FROM alpine AS builder"]),

  docs("JSONArgsRecommended", "bad", ["FROM alpine", "ENTRYPOINT my-program start"]),
  docs("JSONArgsRecommended", "good", ["FROM alpine", 'ENTRYPOINT ["my-program", "start"]']),
  docs("JSONArgsRecommended", "good", [
    "FROM alpine",
    "RUN apk add bash",
    "COPY --chmod=755 <<EOT /entrypoint.sh",
    "#!/usr/bin/env bash",
    "set -e",
    "my-background-process &",
    "my-program start",
    "EOT",
    'ENTRYPOINT ["/entrypoint.sh"]',
  ]),
  docs("JSONArgsRecommended", "good", ["FROM alpine", "RUN apk add bash", 'SHELL ["/bin/bash", "-c"]', 'ENTRYPOINT echo "hello world"']),

  docs("MaintainerDeprecated", "bad", ["MAINTAINER moby@example.com"]),
  docs("MaintainerDeprecated", "good", ['LABEL org.opencontainers.image.authors="moby@example.com"']),

  docs("UndefinedArgInFrom", "bad", ["FROM node:22${VARIANT} AS jsbuilder"]),
  docs("UndefinedArgInFrom", "good", ['ARG VARIANT="-alpine3.20"', "FROM node:22${VARIANT} AS jsbuilder"]),
  docs("UndefinedArgInFrom", "good", ["ARG ALPINE_VERSION=3.20", "", "FROM alpine:${ALPINE_VERSION}"]),
  docs("UndefinedArgInFrom", "bad", ["FROM --platform=$BULIDPLATFORM scratch", "COPY Dockerfile ."], { source: "testUndeclaredArg" }),
  docs("UndefinedArgInFrom", "good", ["FROM --platform=$BUILDPLATFORM scratch", "COPY Dockerfile ."], { source: "testUndeclaredArg" }),

  docs("WorkdirRelativePath", "bad", ["FROM nginx AS web", "WORKDIR usr/share/nginx/html", "COPY public ."]),
  docs("WorkdirRelativePath", "good", ["FROM nginx AS web", "WORKDIR /usr/share/nginx/html", "COPY public ."]),

  docs("UndefinedVar", "bad", ["FROM alpine", "ENV PATH=$PAHT:/app/bin"]),
  docs("UndefinedVar", "bad", ["FROM alpine AS base", "COPY $foo ."], {
    disagreement: "BuildKit reads alpine's ENV from the registry; offline we cannot, so a name that is no near-miss of a declared one may be the image's",
  }),
  docs("UndefinedVar", "good", ["FROM alpine AS base", "ARG foo", "COPY $foo ."]),
  docs("UndefinedVar", "bad", ["FROM alpine AS base", "ARG VERSION=$foo"], {
    disagreement: "BuildKit reads alpine's ENV from the registry; offline we cannot, so a name that is no near-miss of a declared one may be the image's",
  }),
  docs("UndefinedVar", "good", ["FROM python AS base", "ARG VERSION=$PYTHON_VERSION"]),
  docs("UndefinedVar", "bad", ["FROM alpine", "ARG DIR_BINARIES=binaries/", "ARG DIR_ASSETS=assets/", "ARG DIR_CONFIG=config/", "COPY $DIR_ASSET ."], {
    source: "testUnmatchedVars",
  }),
  docs("UndefinedVar", "good", ["FROM alpine AS base", "ARG foo=Dockerfile", "FROM base", "COPY $foo ."], { source: "testUnmatchedVars" }),
  docs("UndefinedVar", "bad", ["FROM scratch", "COPY $foo .", "ARG foo=bar"], { source: "testUnmatchedVars" }),

  docs("MultipleInstructionsDisallowed", "bad", [
    "FROM alpine",
    'ENTRYPOINT ["echo", "Hello, Norway!"]',
    'ENTRYPOINT ["echo", "Hello, Sweden!"]',
    '# Only "Hello, Sweden!" will be printed',
  ]),
  docs("MultipleInstructionsDisallowed", "good", ["FROM alpine", 'ENTRYPOINT ["echo", "Hello, Norway!\\nHello, Sweden!"]']),
  docs("MultipleInstructionsDisallowed", "good", [
    "FROM python:alpine",
    "RUN apk add curl",
    "HEALTHCHECK --interval=1s --timeout=3s \\",
    '  CMD ["curl", "-f", "http://localhost:8080"]',
    'CMD ["python", "-m", "http.server", "8080"]',
  ]),
  docs("MultipleInstructionsDisallowed", "good", ["FROM scratch AS a", 'CMD ["/myapp"]', "FROM a AS b", 'CMD ["/myotherapp"]'], {
    source: "testMultipleInstructionsDisallowed",
  }),

  docs("LegacyKeyValueFormat", "bad", ["FROM alpine", "ARG foo bar"]),
  docs("LegacyKeyValueFormat", "good", ["FROM alpine", "ARG foo=bar"]),
  docs("LegacyKeyValueFormat", "bad", ["ENV DEPS \\", "    curl \\", "    git \\", "    make"]),
  docs("LegacyKeyValueFormat", "good", ['ENV DEPS="\\', "    curl \\", "    git \\", '    make"']),
  docs("LegacyKeyValueFormat", "bad", ["FROM scratch", "ENV testkey value", "LABEL key value"], { source: "testLegacyKeyValueFormat" }),

  docs("RedundantTargetPlatform", "bad", ["FROM --platform=$TARGETPLATFORM alpine AS builder", "RUN apk add --no-cache git"]),
  docs("RedundantTargetPlatform", "good", ["FROM alpine AS builder", "RUN apk add --no-cache git"]),

  docs("SecretsUsedInArgOrEnv", "bad", ["ARG AWS_ACCESS_KEY_ID", "ARG AWS_SECRET_ACCESS_KEY", "RUN aws s3 cp s3://my-bucket/file ."]),
  docs("SecretsUsedInArgOrEnv", "good", [
    "RUN --mount=type=secret,id=aws_key_id,env=AWS_ACCESS_KEY_ID \\",
    "    --mount=type=secret,id=aws_secret_key,env=AWS_SECRET_ACCESS_KEY \\",
    "    aws s3 cp s3://my-bucket/file .",
  ]),

  docs("InvalidDefaultArgInFrom", "bad", ["ARG TAG", "FROM busybox:${TAG}"]),
  docs("InvalidDefaultArgInFrom", "good", ["ARG TAG=latest", "FROM busybox:${TAG}"]),
  docs("InvalidDefaultArgInFrom", "good", ["ARG VARIANT", "FROM busybox:stable${VARIANT}"]),
  docs("InvalidDefaultArgInFrom", "good", ["ARG TAG", "FROM alpine:${TAG:-3.14}"]),
  docs("InvalidDefaultArgInFrom", "bad", ["ARG IMAGE", "FROM $IMAGE"], { source: "testInvalidDefaultArgInFrom" }),
  docs("InvalidDefaultArgInFrom", "bad", ['ARG SFX="box:"', "FROM busy${SFX}"], { source: "testInvalidDefaultArgInFrom" }),

  docs("FromPlatformFlagConstDisallowed", "bad", ["FROM --platform=linux/amd64 alpine AS base", "RUN apk add --no-cache git"]),
  docs("FromPlatformFlagConstDisallowed", "good", ["FROM alpine AS base", "RUN apk add --no-cache git"]),
  docs("FromPlatformFlagConstDisallowed", "good", ["FROM --platform=${BUILDPLATFORM} alpine AS base", "RUN apk add --no-cache git"]),
  // The docs' `...` lines stand for the stages' instructions: left out.
  docs("FromPlatformFlagConstDisallowed", "good", [
    "FROM --platform=linux/amd64 alpine AS build_amd64",
    "",
    "FROM --platform=linux/arm64 alpine AS build_arm64",
    "",
    "FROM build_${TARGETARCH} AS build",
  ]),

  docs("CopyIgnoredFile", "bad", ["FROM scratch", "COPY ./tmp/helloworld.txt /helloworld.txt"], {
    dockerignore: "*/tmp/*",
    disagreement: "the docs' pattern `*/tmp/*` excludes a tmp/ one folder down, not ./tmp/ at the root: the example does not match its own .dockerignore",
  }),
  docs("CopyIgnoredFile", "good", ["FROM scratch", "COPY ./forever/helloworld.txt /helloworld.txt"], { dockerignore: "*/tmp/*" }),
  docs("CopyIgnoredFile", "bad", ["FROM scratch", "COPY Dockerfile .", "ADD Dockerfile /windy"], {
    dockerignore: "Dockerfile",
    source: "testCopyIgnoredFiles",
  }),
  docs("CopyIgnoredFile", "good", ["FROM scratch AS base", "COPY Dockerfile /foobar", "FROM base", "COPY --from=base /foobar /Dockerfile"], {
    dockerignore: "foobar",
    source: "testCopyIgnoredFiles",
  }),
  docs("CopyIgnoredFile", "good", ["FROM scratch", "COPY ./Dockerfile ."], { dockerignore: "**\n!Dockerfile", source: "testCopyIgnoredFiles" }),

  docs("ExposeProtoCasing", "bad", ["FROM alpine", "EXPOSE 80/TcP"]),
  docs("ExposeProtoCasing", "good", ["FROM alpine", "EXPOSE 80/tcp"]),

  docs("ExposeInvalidFormat", "bad", ["FROM alpine", "EXPOSE 127.0.0.1:80:80"]),
  docs("ExposeInvalidFormat", "good", ["FROM alpine", "EXPOSE 80"]),
  docs("ExposeInvalidFormat", "bad", ["FROM alpine", "EXPOSE 80:80"]),
];
