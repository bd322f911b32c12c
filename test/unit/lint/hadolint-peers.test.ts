import { describe, expect, it } from "vitest";
import { lintDockerfile } from "../../../harness/lint/lint.ts";
import { LINT_RULES } from "../../../harness/lint/rule-set.ts";
import { HADOLINT_EXAMPLES } from "./hadolint-examples.ts";

/** Our rule with this hadolint peer fires on the example. */
function fires(peer: string, dockerfile: string): boolean {
  const ours = LINT_RULES.find((rule) => rule.peer === peer);
  if (!ours) throw new Error(`no rule has peer ${peer}`);
  return lintDockerfile(dockerfile, "Dockerfile").some((finding) => finding.rule === ours.id);
}

describe("agreement with hadolint's documented examples", () => {
  it("has a problematic and a correct example for every rule with a hadolint peer", () => {
    const peers = LINT_RULES.flatMap((rule) => (rule.peer === undefined ? [] : [rule.peer]));
    for (const peer of peers) {
      const verdicts = new Set(HADOLINT_EXAMPLES.filter((example) => example.peer === peer).map((example) => example.verdict));
      expect([peer, [...verdicts].sort()]).toStrictEqual([peer, ["correct", "problematic"]]);
    }
  });

  it.each(HADOLINT_EXAMPLES.map((example, index) => [`${example.peer} ${example.verdict} #${index}`, example] as const))("%s", (_, example) => {
    expect(fires(example.peer, example.dockerfile)).toBe(example.verdict === "problematic");
  });

  it("agrees on every example, and says how many", () => {
    const agreeing = HADOLINT_EXAMPLES.filter((example) => fires(example.peer, example.dockerfile) === (example.verdict === "problematic"));
    const agreement = agreeing.length / HADOLINT_EXAMPLES.length;
    console.log(`hadolint agreement: ${agreeing.length}/${HADOLINT_EXAMPLES.length} examples (${(agreement * 100).toFixed(1)} %)`);
    expect(agreement).toBe(1);
  });
});
