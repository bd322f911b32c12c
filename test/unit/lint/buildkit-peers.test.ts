import { describe, expect, it } from "vitest";
import { BUILDKIT_CHECKS } from "../../../harness/lint/buildkit-checks.ts";
import { lintDockerfile } from "../../../harness/lint/lint.ts";
import { LINT_RULES } from "../../../harness/lint/rule-set.ts";
import { BUILDKIT_EXAMPLES, type BuildkitExample, NOT_COVERED } from "./buildkit-examples.ts";

/** Our rule for this BuildKit check fires on the example. */
function fires(example: BuildkitExample): boolean {
  const ours = LINT_RULES.find((rule) => rule.buildkit === example.check);
  if (!ours) throw new Error(`no rule covers BuildKit's ${example.check}`);
  return lintDockerfile(example.dockerfile, "Dockerfile", { dockerignore: example.dockerignore }).some((finding) => finding.rule === ours.id);
}

function agrees(example: BuildkitExample): boolean {
  return fires(example) === (example.verdict === "bad");
}

describe("agreement with BuildKit's documented build-check examples", () => {
  it("covers each of BuildKit's checks with one rule, or says why not", () => {
    const covered = LINT_RULES.flatMap((rule) => (rule.buildkit === undefined ? [] : [rule.buildkit]));
    expect(new Set(covered).size).toBe(covered.length);
    expect([...covered, ...Object.keys(NOT_COVERED)].sort()).toStrictEqual([...BUILDKIT_CHECKS].sort());
  });

  it("has a bad and a good example for every check we cover", () => {
    for (const check of BUILDKIT_CHECKS.filter((name) => !(name in NOT_COVERED))) {
      const verdicts = new Set(BUILDKIT_EXAMPLES.filter((example) => example.check === check).map((example) => example.verdict));
      expect([check, [...verdicts].sort()]).toStrictEqual([check, ["bad", "good"]]);
    }
  });

  it.each(BUILDKIT_EXAMPLES.map((example, index) => [`${example.check} ${example.verdict} #${index} (${example.source})`, example] as const))(
    "%s",
    (_, example) => {
      // A deliberate disagreement stays one: if it turns into agreement, its reason is stale.
      expect(agrees(example)).toBe(example.disagreement === undefined);
    },
  );

  it("says how many agree, and why the others do not", () => {
    const agreeing = BUILDKIT_EXAMPLES.filter(agrees);
    const lines = [
      `BuildKit agreement: ${agreeing.length}/${BUILDKIT_EXAMPLES.length} examples (${((agreeing.length / BUILDKIT_EXAMPLES.length) * 100).toFixed(1)} %), ${BUILDKIT_CHECKS.length - Object.keys(NOT_COVERED).length}/${BUILDKIT_CHECKS.length} checks covered`,
      ...BUILDKIT_EXAMPLES.filter((example) => example.disagreement).map((example) => `  ${example.check} ${example.verdict}: ${example.disagreement}`),
      ...Object.entries(NOT_COVERED).map(([check, why]) => `  ${check} not covered: ${why}`),
    ];
    console.log(lines.join("\n"));
    expect(BUILDKIT_EXAMPLES.length - agreeing.length).toBe(BUILDKIT_EXAMPLES.filter((example) => example.disagreement).length);
  });
});
