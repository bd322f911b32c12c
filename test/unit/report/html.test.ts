import { describe, expect, it } from "vitest";
import { renderHtml } from "../../../harness/report/html.ts";
import { checkResult, gradeResult, hostileResult, sampleResult } from "./fixtures.ts";

const render = (result = sampleResult("fr")) => renderHtml(result, { timeZone: "Europe/Paris" });

describe("renderHtml", () => {
  it("sets the page language from the result", () => {
    expect(render(sampleResult("fr"))).toContain('<html lang="fr">');
    expect(render(sampleResult("en"))).toContain('<html lang="en">');
  });

  it("shows the score, its percentage and a bar of that width", () => {
    const html = render();
    expect(html).toMatch(/<strong>5<\/strong> \/ 12/);
    expect(html).toMatch(/42\s%/u);
    expect(html).toContain("width: 41.7%");
    expect(html).toContain('aria-valuenow="41.7"');
  });

  it("counts checks by status, with the word agreeing with the number", () => {
    const html = render();
    expect(html).toMatch(/<span class="count">2<\/span> réussis/);
    expect(html).toMatch(/<span class="count">1<\/span> échoué</);
    expect(html).toMatch(/<span class="count">1<\/span> erreur du correcteur/);
  });

  it("writes the UI in French for a French result", () => {
    const html = render(sampleResult("fr"));
    for (const word of [
      "Rapport de correction",
      "réussi",
      "échoué",
      "erreur du correcteur",
      "ignoré",
      "Attendu",
      "Obtenu",
      "Indice",
      "Raison",
      "Section du cours",
      "Journal brut",
    ]) {
      expect(html).toContain(word);
    }
    expect(html).not.toMatch(/Expected|Hint|Grading report|Raw log/);
  });

  it("writes the UI in English for an English result", () => {
    const html = render(sampleResult("en"));
    for (const word of ["Grading report", "passed", "failed", "grader error", "skipped", "Expected", "Actual", "Hint", "Reason", "Course section", "Raw log"]) {
      expect(html).toContain(word);
    }
    expect(html).not.toMatch(/Attendu|Indice|Rapport de correction|Journal brut/);
  });

  it("formats dates and durations in the result's language", () => {
    expect(render(sampleResult("fr"))).toContain("3 juin 2025 à 14:05");
    expect(render(sampleResult("fr"))).toContain("38,1\u00a0s");
    expect(render(sampleResult("en"))).toContain("3 June 2025 at 14:05");
    expect(render(sampleResult("en"))).toContain("340\u00a0ms");
  });

  it("shows the hint of a failed check, and no hint but a note for a grader error", () => {
    const failed = render(gradeResult({ checks: [checkResult({ status: "failed", earned: 0, hint: "Utilisez FROM ... AS build" })] }));
    expect(failed).toContain("Utilisez FROM ... AS build");
    const errored = render(gradeResult({ checks: [checkResult({ status: "error", earned: 0, hint: "Ne pas montrer" })] }));
    expect(errored).not.toContain("Ne pas montrer");
    expect(errored).toContain("ce n’est pas de votre faute");
  });

  it("keeps a multi-line log intact inside <pre> in a <details>, without terminal escapes", () => {
    const details = "#1 load\n#2 RUN npm ci\n\x1b[31mnpm ERR!\x1b[0m missing script";
    const html = render(gradeResult({ checks: [checkResult({ details })] }));
    expect(html).toMatch(/<details>\s*<summary>Journal brut<\/summary>\s*<pre class="log">#1 load\n#2 RUN npm ci\nnpm ERR! missing script<\/pre>/);
  });

  it("escapes everything that came from the submission", () => {
    const html = render(hostileResult());
    expect(html).not.toMatch(/<script|<img|onerror=/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;");
  });

  it("is self-contained: no external reference, stylesheet link or script", () => {
    for (const html of [render(sampleResult("fr")), render(sampleResult("en")), render(hostileResult())]) {
      expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
      expect(html).not.toMatch(/<link\b|@import|url\(|<script/i);
    }
  });

  it("shows prominently why an ungradable submission was not graded", () => {
    const html = render(
      gradeResult({
        checks: [],
        maxScore: 12,
        failure: { code: "missing-dockerfile", message: "Aucun Dockerfile trouvé.", hint: "Placez-le à la racine du rendu." },
      }),
    );
    expect(html).toMatch(/<section class="failure" role="alert">\s*<h2>Correction impossible<\/h2>/);
    expect(html).toContain("Aucun Dockerfile trouvé.");
    expect(html).toContain("Placez-le à la racine du rendu.");
    expect(html).toContain("Aucune vérification n’a été exécutée.");
    expect(html).toContain("width: 0%");
  });

  it("survives an exercise worth no points", () => {
    const html = render(gradeResult({ checks: [checkResult({ points: 0, earned: 0 })] }));
    expect(html).not.toContain("NaN");
  });

  it("renders the same result to the same page every time", () => {
    expect(render()).toBe(render());
  });
});
