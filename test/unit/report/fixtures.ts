import { SCHEMA_VERSION, type CheckResult, type GradeResult } from "../../../harness/kernel/result.ts";
import type { Lang } from "../../../harness/kernel/text.ts";

export const HOSTILE_SCRIPT = "<script>alert(1)</script>";
export const HOSTILE_ATTRIBUTE = '"><img src=x onerror=alert(1)>';

export function checkResult(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    id: "dockerfile-exists",
    title: "Le Dockerfile existe",
    points: 2,
    earned: 2,
    status: "passed",
    message: "Dockerfile trouvé à la racine du rendu.",
    hint: "",
    course: "02 — Écrire un Dockerfile",
    needs: [],
    startedAt: "2025-06-03T12:05:00.000Z",
    durationMs: 12,
    ...overrides,
  };
}

export function gradeResult(overrides: Partial<GradeResult> = {}): GradeResult {
  const checks = overrides.checks ?? [checkResult()];
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "dockgrade", version: "0.1.0" },
    runId: "run-20250603-120500-ab12",
    lang: "fr",
    exercise: { id: "05-multistage", title: "Construction multi-étapes", chapter: "05" },
    submission: { path: "/home/etudiant/tp05" },
    engine: { version: "27.3.1", apiVersion: "1.47", endpoint: "unix:///var/run/docker.sock" },
    score: checks.reduce((sum, check) => sum + check.earned, 0),
    maxScore: checks.reduce((sum, check) => sum + check.points, 0),
    checks,
    startedAt: "2025-06-03T12:05:00.000Z",
    finishedAt: "2025-06-03T12:05:42.300Z",
    durationMs: 42_300,
    timings: [
      { phase: "build", durationMs: 38_100 },
      { phase: "checks", durationMs: 4_200 },
    ],
    ...overrides,
  };
}

const BUILD_LOG = [
  "#1 [internal] load build definition from Dockerfile",
  "#5 [build 2/4] RUN npm ci",
  "#5 12.40 added 212 packages in 12s",
  "#7 [runtime 1/2] COPY --from=build /app /app",
  "#8 exporting to image",
].join("\n");

/** One check of each status, in the given language, as a real run would produce it. */
export function sampleResult(lang: Lang): GradeResult {
  const fr = lang === "fr";
  return gradeResult({
    lang,
    exercise: fr
      ? { id: "05-multistage", title: "Construction multi-étapes", chapter: "05" }
      : { id: "05-multistage", title: "Multi-stage builds", chapter: "05" },
    checks: [
      checkResult({
        title: fr ? "Le Dockerfile existe" : "The Dockerfile exists",
        message: fr ? "Dockerfile trouvé à la racine du rendu." : "Found a Dockerfile at the root of the submission.",
        course: fr ? "02 — Écrire un Dockerfile" : "02 — Writing a Dockerfile",
      }),
      checkResult({
        id: "image-builds",
        title: fr ? "L’image se construit" : "The image builds",
        message: fr ? "L’image a été construite en 38,1 s." : "The image built in 38.1 s.",
        course: "05 — Multi-stage",
        points: 3,
        earned: 3,
        durationMs: 38_100,
        details: BUILD_LOG,
      }),
      checkResult({
        id: "image-size",
        title: fr ? "L’image finale est légère" : "The final image is small",
        status: "failed",
        points: 3,
        earned: 0,
        message: fr ? "L’image finale pèse 1,1 Go." : "The final image weighs 1.1 GB.",
        expected: fr ? "moins de 200 Mo" : "under 200 MB",
        actual: fr ? "1,1 Go (node:20 complet)" : "1.1 GB (full node:20)",
        hint: fr
          ? "Construisez dans une première étape, puis copiez seulement /app dans une image node:20-slim avec COPY --from=build."
          : "Build in a first stage, then copy only /app into a node:20-slim image with COPY --from=build.",
        course: "05 — Multi-stage",
        needs: ["image-builds"],
        durationMs: 340,
      }),
      checkResult({
        id: "healthcheck",
        title: fr ? "Le conteneur devient sain" : "The container becomes healthy",
        status: "error",
        points: 2,
        earned: 0,
        message: fr ? "Le moteur Docker n’a pas répondu à temps (délai de 30 s dépassé)." : "The Docker Engine did not answer in time (30 s limit).",
        hint: "",
        course: "06 — HEALTHCHECK",
        durationMs: 30_000,
      }),
      checkResult({
        id: "non-root",
        title: fr ? "Le processus ne tourne pas en root" : "The process does not run as root",
        status: "skipped",
        points: 2,
        earned: 0,
        message: fr ? "Dépend de « Le conteneur devient sain », qui n’a pas réussi." : "Depends on “The container becomes healthy”, which did not pass.",
        course: "07 — Sécurité",
        needs: ["healthcheck"],
        durationMs: 0,
      }),
    ],
  });
}

/** Every submission-controlled string set to markup that would run if a renderer forgot to escape it. */
export function hostileResult(): GradeResult {
  const hostile = `${HOSTILE_SCRIPT} ${HOSTILE_ATTRIBUTE}`;
  return gradeResult({
    exercise: { id: hostile, title: hostile, chapter: hostile },
    submission: { path: hostile },
    checks: [
      checkResult({
        id: hostile,
        title: hostile,
        status: "failed",
        earned: 0,
        message: hostile,
        expected: hostile,
        actual: hostile,
        hint: hostile,
        course: hostile,
        details: `Step 1/3 : RUN echo ${HOSTILE_SCRIPT}\n${HOSTILE_ATTRIBUTE}`,
      }),
    ],
    timings: [{ phase: hostile, durationMs: 10 }],
    failure: { code: hostile, message: hostile, hint: hostile },
  });
}
