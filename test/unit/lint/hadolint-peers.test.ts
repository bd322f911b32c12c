import { describe, expect, it } from "vitest";
import { lintDockerfile } from "../../../harness/lint/lint.ts";
import { LINT_RULES } from "../../../harness/lint/rule-set.ts";
import { HADOLINT_EXAMPLES, type PeerExample } from "./hadolint-examples.ts";

/** Our rule with this hadolint peer fires on the example. */
function fires(peer: string, dockerfile: string): boolean {
  const ours = LINT_RULES.find((rule) => rule.peer === peer);
  if (!ours) throw new Error(`no rule has peer ${peer}`);
  return lintDockerfile(dockerfile, "Dockerfile").some((finding) => finding.rule === ours.id);
}

function agrees(example: PeerExample): boolean {
  return fires(example.peer, example.dockerfile) === (example.verdict === "problematic");
}

describe("agreement with hadolint's documented cases (its wiki and its spec)", () => {
  it("has a problematic and a correct case for every rule with a hadolint peer", () => {
    const peers = LINT_RULES.flatMap((rule) => (rule.peer === undefined ? [] : [rule.peer]));
    for (const peer of peers) {
      const verdicts = new Set(HADOLINT_EXAMPLES.filter((example) => example.peer === peer).map((example) => example.verdict));
      expect([peer, [...verdicts].sort()]).toStrictEqual([peer, ["correct", "problematic"]]);
    }
  });

  // Each case agrees, or disagrees for the reason the table gives: a lost agreement fails, and so does a disagreement that went away unnoticed.
  it.each(HADOLINT_EXAMPLES.map((example) => [`${example.peer} ${example.verdict}: ${example.source}`, example] as const))("%s", (_, example) => {
    expect(agrees(example)).toBe(example.disagreement === undefined);
  });

  it("says how many agree, and why the others do not", () => {
    const agreeing = HADOLINT_EXAMPLES.filter(agrees);
    const disagreeing = HADOLINT_EXAMPLES.filter((example) => example.disagreement !== undefined);
    console.log(
      [
        `hadolint agreement: ${agreeing.length}/${HADOLINT_EXAMPLES.length} cases (${((agreeing.length / HADOLINT_EXAMPLES.length) * 100).toFixed(1)} %)`,
        ...disagreeing.map((example) => `  ${example.peer} ${example.source}: ${example.disagreement}`),
      ].join("\n"),
    );
    expect(agreeing.length).toBe(HADOLINT_EXAMPLES.length - disagreeing.length);
  });
});
