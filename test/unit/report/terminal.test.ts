import { describe, expect, it } from "vitest";
import { renderTerminal } from "../../../harness/report/terminal.ts";
import { checkResult, gradeResult, sampleResult } from "./fixtures.ts";

const ESCAPE = /\x1b/;

describe("renderTerminal", () => {
  it("heads with the exercise and the score with its percentage", () => {
    const [title, , score] = renderTerminal(sampleResult("fr"), { color: false }).split("\n");
    expect(title).toBe("Exercice 05-multistage — Construction multi-étapes");
    expect(score).toMatch(/^Note\s: 5 \/ 12 \(42\s%\)$/u);
  });

  it("never reads 100 % before every point is earned", () => {
    const output = renderTerminal(gradeResult({ score: 199, maxScore: 200 }), { color: false });
    expect(output).toMatch(/Note\s: 199 \/ 200 \(99\s%\)/u);
  });

  it("gives one line per check with its symbol, points and title", () => {
    const output = renderTerminal(sampleResult("fr"), { color: false });
    expect(output).toContain("  ✔ 2/2  Le Dockerfile existe\n");
    expect(output).toContain("  ✘ 0/3  L’image finale est légère\n");
    expect(output).toContain("  ! 0/2  Le conteneur devient sain\n");
    expect(output).toContain("  – 0/2  Le processus ne tourne pas en root\n");
  });

  it("explains a failed check under it: message, expected, actual, hint, course", () => {
    const output = renderTerminal(sampleResult("fr"), { color: false });
    const block = output.slice(output.indexOf("✘"), output.indexOf("! 0/2"));
    expect(block).toContain("\n         L’image finale pèse 1,1 Go.\n");
    expect(block).toMatch(/Attendu\s: moins de 200 Mo/u);
    expect(block).toMatch(/Obtenu\s:\s+1,1 Go/u);
    expect(block).toMatch(/Indice\s: Construisez/u);
    expect(block).toMatch(/Section du cours\s: 05 — Multi-stage/u);
  });

  it("says nothing more under a passed check, gives the reason of a skipped one, and no hint for a grader error", () => {
    const output = renderTerminal(sampleResult("fr"), { color: false });
    expect(output).not.toContain("Dockerfile trouvé à la racine");
    expect(output).toMatch(/Raison\s: Dépend de « Le conteneur devient sain »/u);
    expect(output).toContain("ce n’est pas de votre faute");
  });

  it("uses English words for an English result", () => {
    const output = renderTerminal(sampleResult("en"), { color: false, reportPath: "reports/out/report.html" });
    expect(output).toMatch(/^Score: 5 \/ 12 \(42%\)$/m);
    for (const word of ["Expected:", "Actual:", "Hint:", "Course section:", "Reason:", "this is not your fault"]) {
      expect(output).toContain(word);
    }
    expect(output).not.toMatch(/Attendu|Indice|Raison/);
    expect(output.endsWith("\nFull report: reports/out/report.html\n")).toBe(true);
  });

  it("points to the HTML report only when given its path", () => {
    expect(renderTerminal(sampleResult("fr"), { color: false, reportPath: "/tmp/r.html" })).toMatch(/Rapport détaillé\s: \/tmp\/r\.html\n$/u);
    expect(renderTerminal(sampleResult("fr"), { color: false })).not.toContain("Rapport détaillé");
  });

  it("shows an ungradable submission's message and hint first", () => {
    const output = renderTerminal(
      gradeResult({
        checks: [],
        maxScore: 12,
        score: 0,
        failure: { code: "missing-dockerfile", message: "Aucun Dockerfile trouvé.", hint: "Placez-le à la racine du rendu." },
      }),
      { color: false },
    );
    expect(output).toMatch(/^Exercice .*\n\n✘ Correction impossible\n {2}Aucun Dockerfile trouvé\.\n {2}Indice\s: Placez-le à la racine du rendu\.\n\nNote/u);
  });

  it("has no escape sequence without colour, even when the submission printed some", () => {
    const details = "\x1b[31mred\x1b[0m \x1b]0;title\x07 progress 10%\rprogress 100%";
    const output = renderTerminal(gradeResult({ checks: [checkResult({ status: "failed", earned: 0, message: details, actual: details, hint: details })] }), {
      color: false,
    });
    expect(output).not.toMatch(ESCAPE);
    expect(output).not.toContain("\r");
    expect(output).toContain("red  progress 10%");
  });

  it("colours statuses with ANSI codes when asked", () => {
    const output = renderTerminal(sampleResult("fr"), { color: true });
    expect(output).toContain("\x1b[32m✔\x1b[39m");
    expect(output).toContain("\x1b[31m✘\x1b[39m");
  });

  it("aligns titles when points have different widths", () => {
    const output = renderTerminal(
      gradeResult({
        checks: [
          checkResult({ points: 10, earned: 10, title: "A" }),
          checkResult({ status: "failed", points: 2, earned: 0.5, title: "B", message: "Partiel." }),
        ],
      }),
      { color: false },
    );
    expect(output).toContain("  ✔ 10/10  A\n");
    expect(output).toContain("  ✘ 0,5/2  B\n           Partiel.\n");
  });
});
