import { describe, expect, it } from "vitest";
import { parseReleaseFile, referenceProblem } from "../../../harness/checks/image/release-file.ts";

describe("parseReleaseFile", () => {
  it("reads IMAGE and VERSION with their lines, skipping comments and blank lines, unquoting values", () => {
    const release = parseReleaseFile('# publication\n\nIMAGE="cours-docker/hello-release"\r\nVERSION=2.1.0\n');
    expect(release).toEqual({ image: { value: "cours-docker/hello-release", line: 3 }, version: { value: "2.1.0", line: 4 }, problems: [] });
  });

  it("reports unknown keys, stray lines and a missing key, all at once", () => {
    const release = parseReleaseFile("IMAGE=x\nTAG=1.0\nexport VERSION=1\n");
    expect(release.problems.map((problem) => problem.en)).toEqual([
      'Line 2 ignored: "TAG=1.0" (expected IMAGE=… or VERSION=…).',
      'Line 3 ignored: "export VERSION=1" (expected IMAGE=… or VERSION=…).',
      "VERSION is missing from release.env.",
    ]);
  });
});

describe("referenceProblem", () => {
  it.each([
    ["hello-release", "2.1.0"],
    ["cours-docker/hello-release", "2.1.0"],
    ["registry.example.com:5000/cours-docker/hello_release", "v2.1.0-rc.1"],
    ["localhost/app", "latest"],
    ["a/b/c/d", "1"],
  ])("accepts %s:%s", (repository, tag) => {
    expect(referenceProblem(repository, tag)).toBeUndefined();
  });

  it.each([
    ["Cours-Docker/hello-release", "2.1.0"],
    ["cours-docker/Hello", "2.1.0"],
    ["hello release", "2.1.0"],
    ["hello-", "2.1.0"],
    ["cours//hello", "2.1.0"],
    ["bad_domain.example.com/app", "1"],
  ])("refuses the repository %s", (repository, tag) => {
    expect(referenceProblem(repository, tag)?.en).toContain("not a valid repository name");
  });

  it.each([".hidden", "-rc", "a".repeat(129), "2.1.0+build"])("refuses the tag %s", (tag) => {
    expect(referenceProblem("hello", tag)?.en).toContain("not a valid tag");
  });
});
