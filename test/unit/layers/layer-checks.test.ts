import { describe, expect, it } from "vitest";
import type { Verdict } from "../../../harness/kernel/check.ts";
import type { CheckContext, Fixture } from "../../../harness/checks/context.ts";
import { layerAnalysis, reportedLayerSecrets } from "../../../harness/checks/shared-setup/layer-analysis.ts";
import { imageHygieneCheck, layerEfficiencyCheck, layerSecretsCheck } from "../../../harness/checks/image/layer-checks.ts";
import { RunFindings } from "../../../harness/kernel/findings.ts";
import { readFinalStage } from "../../../harness/dockerfile/instruction-lines.ts";
import { summarize } from "../../../harness/layers/analyze-image.ts";
import { locateLayers, type LocatedLayers } from "../../../harness/layers/image-analysis.ts";
import { scanLayerFile } from "../../../harness/layers/layer-secrets.ts";
import { readSavedImage } from "../../../harness/layers/read-saved-image.ts";
import type { Lang } from "../../../harness/kernel/text.ts";
import { renderHtml } from "../../../harness/report/html.ts";
import { renderTerminal } from "../../../harness/report/terminal.ts";
import { gradeResult } from "../report/fixtures.ts";
import { file, folder, savedImage, streamOf, whiteout } from "./image-archive.ts";

const HOSTILE = "<img src=x onerror=alert(1)>";
const DOCKERFILE = ["FROM busybox:1.37", "COPY . /app", "RUN rm /app/id_rsa && mkdir -p /srv/.git && echo ref > /srv/.git/HEAD", "RUN rm -rf /app/data"].join(
  "\n",
);

/** Base, a COPY bringing a key, an .env (with a hostile name) and data, a RUN deleting the key and adding .git, a RUN deleting the data. */
async function located(): Promise<LocatedLayers> {
  const archive = await savedImage(
    [
      { entries: [folder("bin"), file("bin/sh", Buffer.alloc(1000, 1))] },
      {
        entries: [
          folder("app"),
          file("app/id_rsa", "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n"),
          file(`app/${HOSTILE}.env`, "API_TOKEN=abcdefghijkl\n"),
          file("app/data", Buffer.alloc(3000, 2)),
        ],
      },
      { entries: [whiteout("app/id_rsa"), folder("srv/.git"), file("srv/.git/HEAD", "ref\n")] },
      { entries: [whiteout("app/data")] },
    ],
    [
      { comment: "Imported from -" },
      { created_by: "COPY . /app # buildkit" },
      { created_by: "RUN /bin/sh -c rm /app/id_rsa && mkdir -p /srv/.git && echo ref > /srv/.git/HEAD # buildkit" },
      { created_by: "RUN /bin/sh -c rm -rf /app/data # buildkit" },
    ],
  );
  const layers = summarize(await readSavedImage(streamOf(archive.bytes), { scan: scanLayerFile }));
  return locateLayers(layers, readFinalStage(DOCKERFILE), "Dockerfile");
}

/** A check's context with only what the layer checks read: the analysis fixture and the findings. */
function context(analysis: LocatedLayers, findings: RunFindings): CheckContext {
  const reported = new Set<string>();
  return {
    findings,
    signal: new AbortController().signal,
    use: async <T>(fixture: Fixture<T>) => {
      if (fixture === (reportedLayerSecrets as Fixture<unknown>)) return reported as T;
      if (fixture !== (layerAnalysis as Fixture<unknown>)) throw new Error(`unexpected fixture ${fixture.name}`);
      return analysis as T;
    },
  } as unknown as CheckContext;
}

async function graded(lang: Lang) {
  const analysis = await located();
  const findings = new RunFindings();
  const ctx = context(analysis, findings);
  const verdicts: Record<string, Verdict> = {};
  for (const check of [layerSecretsCheck(), imageHygieneCheck(), layerEfficiencyCheck({ minEfficiency: 0.9 })]) verdicts[check.id] = await check.run(ctx);
  return { verdicts, ...findings.localized(lang) };
}

describe("layer checks on a crafted image", () => {
  it("fail with the line of the instruction that added the secret, the .git and the waste", async () => {
    const { verdicts } = await graded("en");
    expect(verdicts["no-secret-in-layers"]).toMatchObject({ outcome: "failed", location: { file: "Dockerfile", line: 2 } });
    expect(verdicts["image-hygiene"]).toMatchObject({ outcome: "failed", location: { file: "Dockerfile", line: 3 }, credit: 4 / 5 });
    // 3000 bytes of data copied then deleted, and the key: efficiency well under 90 %.
    expect(verdicts["layer-efficiency"]).toMatchObject({ outcome: "failed", location: { file: "Dockerfile", line: 2 } });
  });

  it("report findings at file and line, and the image's analysis, for the result", async () => {
    const { findings, images } = await graded("fr");
    expect(findings.map(({ kind, rule, line, path }) => ({ kind, rule, line, path }))).toEqual([
      { kind: "secret", rule: "secret/private-key", line: 2, path: "/app/id_rsa" },
      { kind: "secret", rule: "secret/token", line: 2, path: `/app/${HOSTILE}.env` },
      { kind: "waste", rule: "waste/overwritten-or-deleted", line: 2, path: undefined },
      { kind: "content", rule: "content/git", line: 3, path: "/srv/.git/HEAD" },
    ]);
    expect(findings[0]?.message).toContain("supprimé(e) par une couche suivante");
    expect(findings[0]?.course).toMatch(/^05 — /);
    expect(images).toHaveLength(1);
    expect(images[0]?.layers.map(({ line, filesRemoved }) => [line, filesRemoved])).toEqual([
      [1, 0],
      [2, 0],
      [3, 1],
      [4, 1],
    ]);
  });

  it("render in the HTML report, escaped, and as a short line in the terminal", async () => {
    const { findings, images } = await graded("en");
    const result = gradeResult({ lang: "en", findings, images });
    const html = renderHtml(result, { timeZone: "Europe/Paris" });
    expect(html).toContain("Secrets in the layers");
    expect(html).toContain("<code>Dockerfile:2</code>");
    expect(html).toContain("Image layers");
    expect(html).toContain("<code>COPY . /app</code>");
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;");
    const terminal = renderTerminal(result, { color: false });
    expect(terminal).toMatch(/image: 4 layers, [\d.]+\u00a0kB, efficiency \d+%, [\d.]+\u00a0kB wasted/);
    expect(terminal).toContain("2 secret(s), 1 unneeded content, 1 waste");
  });
});
