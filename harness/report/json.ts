import type { Lang } from "../kernel/text.ts";
import type {
  CheckResult,
  Finding,
  GradeResult,
  GradingFailure,
  ImageAnalysis,
  LayerSummary,
  PhaseTiming,
  RefusedSetting,
  SourceLocation,
} from "../kernel/result.ts";

type Key =
  | keyof GradeResult
  | keyof GradeResult["tool"]
  | keyof GradeResult["exercise"]
  | keyof GradeResult["submission"]
  | keyof NonNullable<GradeResult["engine"]>
  | keyof CheckResult
  | keyof GradingFailure
  | keyof RefusedSetting
  | keyof SourceLocation
  | keyof Finding
  | keyof ImageAnalysis
  | keyof LayerSummary
  | keyof ImageAnalysis["largestFiles"][number]
  | keyof PhaseTiming
  | Lang;

/**
 * Every key of the model, in the order the schema reads. As a `JSON.stringify` replacer it fixes the key
 * order at every depth, so the same result gives the same bytes however its object was put together
 * (diffable, cacheable). Nested objects take the keys they have, in this order.
 */
const KEY_ORDER = everyKey([
  "schemaVersion",
  "tool",
  "name",
  "version",
  "apiVersion",
  "endpoint",
  "runId",
  "lang",
  "exercise",
  "id",
  "title",
  "chapter",
  "submission",
  "path",
  "engine",
  "score",
  "maxScore",
  "points",
  "earned",
  "status",
  "code",
  "message",
  "hint",
  "course",
  "expected",
  "actual",
  "details",
  "location",
  "needs",
  "texts",
  "fr",
  "en",
  "checks",
  "findings",
  "kind",
  "severity",
  "column",
  "check",
  "images",
  "digest",
  "bytes",
  "wastedBytes",
  "efficiency",
  "layers",
  "index",
  "instruction",
  "filesAdded",
  "filesChanged",
  "filesRemoved",
  "largestFiles",
  "layer",
  "failure",
  "violations",
  "rule",
  "file",
  "line",
  "setting",
  "cis",
  "startedAt",
  "finishedAt",
  "phase",
  "durationMs",
  "timings",
] as const);

/** The result as versioned JSON: 2-space indent, stable key order, trailing newline. */
export function renderJson(result: GradeResult): string {
  return `${JSON.stringify(result, [...KEY_ORDER], 2)}\n`;
}

/**
 * A replacer array drops every key it does not list, so this compiles only when `keys` lists all keys
 * of the model; when the model gains one, the error names what is missing.
 */
function everyKey<const K extends readonly Key[]>(keys: K & ([Exclude<Key, K[number]>] extends [never] ? unknown : { missing: Exclude<Key, K[number]> })): K {
  return keys;
}
