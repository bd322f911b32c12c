import { describe, expect, it } from "vitest";
import { lintDockerfile } from "../../../harness/lint/lint.ts";

/** `line:column` of each finding of `rule`. */
function at(rule: string, lines: readonly string[], dockerignore?: string): string[] {
  return lintDockerfile(lines.join("\n"), "Dockerfile", { dockerignore })
    .filter((finding) => finding.rule === rule)
    .map((finding) => `${finding.line}:${finding.column}`);
}

describe("BuildKit's stage-name checks", () => {
  it("StageNameCasing (DG3101): a stage name with capitals", () => {
    expect(at("DG3101", ["FROM alpine:3.20 AS BuilderBase", "FROM alpine:3.20 AS builder-base"])).toStrictEqual(["1:1"]);
  });

  it("FromAsCasing (DG3102): AS in another case than FROM, not when FROM itself is mixed", () => {
    expect(at("DG3102", ["FROM scratch as a", "from scratch AS b", "from scratch as c", "From scratch as d", "FROM scratch AS e"])).toStrictEqual([
      "1:1",
      "2:1",
    ]);
  });

  it("DuplicateStageName (DG3103) and ReservedStageName (DG3104)", () => {
    expect(at("DG3103", ["FROM scratch AS b", "FROM scratch AS B", "FROM scratch AS c"])).toStrictEqual(["2:1"]);
    expect(at("DG3104", ["FROM scratch AS scratch", "FROM scratch AS context", "FROM scratch", "FROM scratch AS a"])).toStrictEqual(["1:1", "2:1"]);
  });
});

describe("BuildKit's instruction form and casing checks", () => {
  it("MaintainerDeprecated (DG3110) teaches the OCI label", () => {
    const [finding] = lintDockerfile("FROM scratch\nMAINTAINER me@example.org", "Dockerfile").filter((found) => found.rule === "DG3110");
    expect(finding?.message.en).toContain('LABEL org.opencontainers.image.authors="me@example.org"');
  });

  it("MultipleInstructionsDisallowed (DG3111): on the ignored one, per stage, HEALTHCHECK's CMD apart", () => {
    expect(
      at("DG3111", [
        "FROM scratch AS a",
        'ENTRYPOINT ["/a"]',
        'CMD ["/a"]',
        'HEALTHCHECK CMD ["/a"]',
        'ENTRYPOINT ["/b"]',
        'CMD ["/b"]',
        "FROM a",
        'CMD ["/c"]',
      ]),
    ).toStrictEqual(["2:1", "3:1"]);
  });

  it("LegacyKeyValueFormat (DG3112): ENV, LABEL and ARG without `=`", () => {
    expect(at("DG3112", ["FROM scratch", "ENV key value", "LABEL key value", "ARG foo bar", "ENV a=b c=d", "ARG x", 'LABEL a="b c"'])).toStrictEqual([
      "2:1",
      "3:1",
      "4:1",
    ]);
  });

  it("NoEmptyContinuation (DG3113): at the empty line; a comment line is not empty, a heredoc's body is not a continuation", () => {
    expect(at("DG3113", ["FROM scratch", "COPY a \\", "", "  /b", "COPY c \\", "# why", "  /d", "RUN <<EOF", "echo a", "", "echo b", "EOF"])).toStrictEqual([
      "3:1",
    ]);
  });

  it("ConsistentInstructionCasing (DG3114): against the majority, a tie going to upper case", () => {
    expect(at("DG3114", ["from scratch", "COPY a /a", "copy b /b", "copy c /c"])).toStrictEqual(["2:1"]);
    expect(at("DG3114", ["from scratch", "COPY a /a"])).toStrictEqual(["1:1"]);
    // As BuildKit, an ONBUILD trigger is not an instruction of this file.
    expect(at("DG3114", ["FROM scratch", "Copy a /a", "ONBUILD run true"])).toStrictEqual(["2:1"]);
  });
});

describe("BuildKit's ARG and platform checks in FROM", () => {
  it("UndefinedArgInFrom (DG3120): a name no global ARG declares, with BuildKit's did-you-mean", () => {
    const findings = lintDockerfile("ARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox:1.36\nFROM --platform=$BUILDPLATFORM scratch", "Dockerfile");
    const undefinedArgs = findings.filter((finding) => finding.rule === "DG3120");
    expect(undefinedArgs.map((finding) => `${finding.line}:${finding.column}`)).toStrictEqual(["2:23"]);
    expect(undefinedArgs[0]?.message.en).toContain("did you mean `MY_ARCH`?");
  });

  it("InvalidDefaultArgInFrom (DG3121): the image the defaults give must be valid", () => {
    expect(at("DG3121", ["ARG TAG", "FROM busybox:${TAG}"])).toStrictEqual(["2:1"]);
    expect(at("DG3121", ["ARG TAG", "ARG V", 'ARG E=""', "FROM busybox:${TAG:-1.36}", "FROM busybox:stable${V}", "FROM scratch${E-@bogus}"])).toStrictEqual([]);
    // Only the ARGs before the first FROM are FROM's: E is unset here, and `${E-@bogus}` is `@bogus`.
    expect(at("DG3121", ["FROM scratch", 'ARG E=""', "FROM scratch${E-@bogus}"])).toStrictEqual(["3:1"]);
    expect(at("DG3121", ["FROM scratch AS build_amd64", "FROM build_${TARGETARCH}"])).toStrictEqual([]);
  });

  it("RedundantTargetPlatform (DG3122) and FromPlatformFlagConstDisallowed (DG3123)", () => {
    expect(at("DG3122", ["FROM --platform=${TARGETPLATFORM} scratch", "FROM --platform=$BUILDPLATFORM scratch"])).toStrictEqual(["1:1"]);
    expect(
      at("DG3123", [
        "FROM --platform=linux/amd64 scratch",
        "FROM --platform=linux/arm64 scratch AS build_arm64",
        "FROM --platform=linux/amd64 scratch AS linux",
      ]),
    ).toStrictEqual(["1:1"]);
  });
});

describe("BuildKit's UndefinedVar (DG3125), with what we cannot see of the base image", () => {
  it("knows ARG and ENV scopes across stages, PATH, the proxies; a RUN's $ is the shell's", () => {
    expect(
      at("DG3125", [
        "FROM scratch AS base",
        "ARG foo=Dockerfile",
        "ENV dir=/app",
        "FROM base",
        "COPY $foo $dir/",
        "ENV PATH=$PATH:/bin HTTP=$HTTP_PROXY",
        "RUN echo $undeclared",
      ]),
    ).toStrictEqual([]);
  });

  it("in a stage on scratch, knows everything: a use before its ARG, a global ARG not declared again", () => {
    expect(at("DG3125", ["ARG VERSION=1", "FROM scratch", "COPY $foo .", "ARG foo=bar", "LABEL version=$VERSION", "LABEL quoted='$literal'"])).toStrictEqual([
      "3:6",
      "5:15",
    ]);
  });

  it("on an image, reports only near-misses and the platform ARGs a stage must declare", () => {
    const findings = lintDockerfile(
      "FROM alpine:3.20\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET $FROM_THE_IMAGE /\nENV PATH=$PAHT:/app/bin\nCOPY build/$TARGETARCH /\nENV X=${maybe:-1}",
      "Dockerfile",
    ).filter((finding) => finding.rule === "DG3125");
    expect(findings.map((finding) => `${finding.line}:${finding.column}`)).toStrictEqual(["3:6", "4:10", "5:12"]);
    expect(findings.map((finding) => finding.message.en)).toStrictEqual([
      "`$DIR_ASSET` is not declared (did you mean `$DIR_ASSETS`?).",
      "`$PAHT` is not declared (did you mean `$PATH`?).",
      "`$TARGETARCH` is a BuildKit ARG: declare `ARG TARGETARCH` in the stage to see it.",
    ]);
  });
});

describe("BuildKit's EXPOSE checks", () => {
  it("ExposeProtoCasing (DG3130) and ExposeInvalidFormat (DG3131), at each port", () => {
    const lines = ["FROM scratch", "EXPOSE 80/TcP 8080/TCP 8080/udp 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000 $PORT"];
    expect(at("DG3130", lines)).toStrictEqual(["2:8", "2:15"]);
    expect(at("DG3131", lines)).toStrictEqual(["2:33", "2:49", "2:65"]);
  });
});

describe("BuildKit's CopyIgnoredFile (DG3140), given the context's .dockerignore", () => {
  const dockerfile = [
    "FROM scratch AS base",
    "COPY Dockerfile .",
    "ADD ./secrets/key.pem /",
    "COPY . /ctx",
    "COPY --from=base /Dockerfile /x",
    "COPY app/ /app",
  ];

  it("finds the sources it leaves out, a file under an ignored folder too; an error, as the build fails", () => {
    expect(at("DG3140", dockerfile, "Dockerfile\nsecrets\n# a comment")).toStrictEqual(["2:1", "3:1"]);
    expect(lintDockerfile(dockerfile.join("\n"), "Dockerfile", { dockerignore: "Dockerfile" }).find((finding) => finding.rule === "DG3140")?.severity).toBe(
      "error",
    );
  });

  it("judges nothing without a .dockerignore, or with a `!` exception; the context's root only when everything is ignored", () => {
    expect(at("DG3140", dockerfile)).toStrictEqual([]);
    expect(at("DG3140", dockerfile, "**\n!Dockerfile")).toStrictEqual([]);
    expect(at("DG3140", dockerfile, "*")).toStrictEqual(["2:1", "3:1", "4:1", "6:1"]);
  });
});

describe("BuildKit's check directive", () => {
  const body = ["FROM scratch AS Build", "MAINTAINER me", "EXPOSE 80/TCP"];
  // The final stage's USER and HEALTHCHECK rules (DG3040, DG3041) are no BuildKit check: left out of the listings.
  const rules = (lines: readonly string[]) =>
    lintDockerfile(lines.join("\n"), "Dockerfile")
      .filter((finding) => finding.rule !== "DG3040" && finding.rule !== "DG3041")
      .map((finding) => `${finding.rule}(${finding.severity})`);

  it("skips the checks it names, by BuildKit's name, and only ours that teach them", () => {
    expect(rules(body)).toStrictEqual(["DG3101(warning)", "DG3110(warning)", "DG3130(warning)"]);
    expect(rules(["# check=skip=StageNameCasing,ExposeProtoCasing", ...body])).toStrictEqual(["DG3110(warning)"]);
    expect(rules(["# check=skip=stagenamecasing", ...body])).toStrictEqual(["DG3094(warning)", "DG3101(warning)", "DG3110(warning)", "DG3130(warning)"]);
  });

  it("reports an option BuildKit refuses at the top (the build fails there) as an error at the option, and reads nothing of it", () => {
    const at = (...lines: string[]) =>
      lintDockerfile([...lines, ...body].join("\n"), "Dockerfile")
        .filter((finding) => finding.rule === "DG3093")
        .map((finding) => `${finding.line}:${finding.column} ${finding.severity} ${finding.message.en}`);
    expect(at("# check=skip=StageNameCasing;error=maybe")).toStrictEqual([
      "1:30 error BuildKit refuses the check directive's option `error=maybe`: the build will fail.",
    ]);
    expect(at("# syntax=docker/dockerfile:1", "#check = skiq=all")).toStrictEqual([
      "2:10 error BuildKit refuses the check directive's option `skiq=all`: the build will fail.",
    ]);
    expect(at("# check=skip")).toHaveLength(1);
    // A refused directive skips nothing; a valid one, or a check= comment below the top, is no DG3093.
    expect(rules(["# check=skip=StageNameCasing;bogus=1", ...body])).toContain("DG3101(warning)");
    expect(at("# check=skip=all;error=false;experimental=all")).toStrictEqual([]);
    expect(at("FROM scratch", "# check=error=maybe")).toStrictEqual([]);
  });

  it("reports a skip= name that is none of BuildKit's checks at its column, at the top and above an instruction, with the right casing when it only differs by it", () => {
    const at = (...lines: string[]) =>
      lintDockerfile(lines.join("\n"), "Dockerfile")
        .filter((finding) => finding.rule === "DG3094")
        .map((finding) => `${finding.line}:${finding.column} ${finding.message.fr}`);
    expect(at("# check=skip=StageNameCasing,Bogus,jsonargsrecommended", ...body)).toStrictEqual([
      "1:30 `Bogus` n'est pas une vérification de BuildKit : ce nom ne fait rien taire.",
      "1:36 BuildKit ne connaît pas `jsonargsrecommended` : écrivez `JSONArgsRecommended`, avec sa casse.",
    ]);
    expect(at("FROM scratch", "  # check=skip=MaintainerDeprecate", "MAINTAINER me")).toStrictEqual([
      "2:16 `MaintainerDeprecate` n'est pas une vérification de BuildKit : ce nom ne fait rien taire.",
    ]);
    expect(at("\uFEFF# check=skip=Nope", ...body)).toStrictEqual(["1:15 `Nope` n'est pas une vérification de BuildKit : ce nom ne fait rien taire."]);
    expect(at("# check=skip=all", "# check=skip=InvalidBaseImagePlatform,CopyIgnoredFile", ...body)).toStrictEqual([]);
  });

  it("skip=all silences BuildKit's checks, not the course's own rules", () => {
    expect(rules(["# check=skip=all", "FROM alpine:latest", "WORKDIR app", "MAINTAINER me"])).toStrictEqual(["DG3002(warning)"]);
  });

  it("error=true makes a BuildKit check's finding an error, the build failing on it", () => {
    expect(rules([`# syntax=docker/dockerfile:1@sha256:${"a".repeat(64)}`, "# check=skip=StageNameCasing;error=true", ...body])).toStrictEqual([
      "DG3110(error)",
      "DG3130(error)",
    ]);
  });

  it("is a directive only at the top; below, a check= comment skips for the instruction under it, or a FROM's whole stage", () => {
    expect(rules(["", "# check=error=true", ...body])).toStrictEqual(["DG3101(warning)", "DG3110(warning)", "DG3130(warning)"]);
    expect(rules(["FROM scratch", "# check=skip=MaintainerDeprecated", "MAINTAINER me", "MAINTAINER you"])).toStrictEqual(["DG3110(warning)"]);
    expect(rules(["# a comment", "# check=skip=MaintainerDeprecated", "FROM scratch", "MAINTAINER me", "FROM scratch", "MAINTAINER you"])).toStrictEqual([
      "DG3110(warning)",
    ]);
  });
});
