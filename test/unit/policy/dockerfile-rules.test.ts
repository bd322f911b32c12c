import { describe, expect, it } from "vitest";
import { dockerfileTextViolations, dockerfileViolations, oversizedDockerfileViolation, syntaxArgViolation } from "../../../harness/policy/dockerfile-rules.ts";

const rulesOf = (source: string | Buffer) =>
  dockerfileViolations("Dockerfile", typeof source === "string" ? Buffer.from(source) : source).map((v) => [v.rule, v.line]);

describe("dockerfileViolations", () => {
  it("passes a real Dockerfile, accents, directives and a typo included", () => {
    expect(rulesOf("# syntax=docker/dockerfile:1\n# Étape « build »\nFROM busybox:1.37\nRUNN echo typo\n")).toEqual([]);
  });

  it("refuses a binary file once, without reading it further", () => {
    const png = Buffer.concat([Buffer.from([0x89]), Buffer.from("PNG\r\n\x1a\n"), Buffer.from([0, 0, 0, 13]), Buffer.from("IHDR")]);
    const [violation, ...rest] = dockerfileViolations("Dockerfile", png);
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({ rule: "binary-file", file: "Dockerfile", line: 3 });
    expect(violation?.message.en).toContain("NUL bytes");
    expect(violation?.message.fr).toContain("octets nuls");
  });

  it("refuses Latin-1 text, naming the line, and UTF-16 with how to save as UTF-8", () => {
    const latin1 = dockerfileViolations("app/Dockerfile", Buffer.from("FROM busybox\n# Étape\n", "latin1"));
    expect(latin1).toMatchObject([{ rule: "not-utf8", file: "app/Dockerfile", line: 2, setting: "# Étape" }]);
    expect(latin1[0]?.message.en).toContain("not UTF-8");
    const utf16 = dockerfileViolations("Dockerfile", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("FROM busybox\n", "utf16le")]));
    expect(utf16).toMatchObject([{ rule: "not-utf8", line: 1, setting: "UTF-16" }]);
    expect(utf16[0]?.message.fr).toContain("UTF-16");
  });

  it("refuses a frontend that is not Docker's, with the line, the directive and the CIS recommendation", () => {
    const [violation] = dockerfileViolations("Dockerfile", Buffer.from("# escape=`\n# syntax=evil.example/frontend:1\nFROM busybox\n"));
    expect(violation).toMatchObject({ rule: "dockerfile-syntax", line: 2, setting: "# syntax=evil.example/frontend:1", cis: "4.2" });
    expect(violation?.message.en).toContain('"evil.example/frontend:1"');
  });

  it("refuses text with no instruction, naming its first line, and an empty Dockerfile", () => {
    expect(dockerfileViolations("Dockerfile", Buffer.from("\n\nhello, this is my homework\nsee you\n"))).toMatchObject([
      { rule: "not-a-dockerfile", line: 3, setting: "hello, this is my homework" },
    ]);
    const [empty] = dockerfileViolations("Dockerfile", Buffer.from("# TODO\n\n"));
    expect(empty).toMatchObject({ rule: "not-a-dockerfile", setting: "(empty)" });
    expect(empty?.line).toBeUndefined();
    expect(empty?.message.en).toContain("no instruction");
  });
});

describe("dockerfileTextViolations for dockerfile_inline", () => {
  it("places the finding at the Compose setting, without a line", () => {
    const [violation] = dockerfileTextViolations("compose.yaml", "# syntax=evil/x\nFROM busybox\n", "services.app.build.dockerfile_inline");
    expect(violation).toMatchObject({ rule: "dockerfile-syntax", file: "compose.yaml", setting: "services.app.build.dockerfile_inline: # syntax=evil/x" });
    expect(violation?.line).toBeUndefined();
  });
});

describe("syntaxArgViolation", () => {
  it("refuses BUILDKIT_SYNTAX naming another frontend, and lets Docker's through", () => {
    expect(syntaxArgViolation("compose.yaml", 7, "api", "evil/frontend")).toMatchObject({
      rule: "dockerfile-syntax",
      file: "compose.yaml",
      line: 7,
      setting: "services.api.build.args.BUILDKIT_SYNTAX: evil/frontend",
    });
    expect(syntaxArgViolation("compose.yaml", 7, "api", "docker/dockerfile:1.7")).toBeUndefined();
  });
});

describe("oversizedDockerfileViolation", () => {
  it("says how big the file is", () => {
    expect(oversizedDockerfileViolation("Dockerfile", 10 * 1024 ** 3, 1024 ** 2)).toMatchObject({ rule: "dockerfile-too-large", setting: "10485760 KiB" });
  });
});
