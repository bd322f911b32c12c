import { z } from "zod";

/**
 * The saved result (`result.json`) as a reader checks it, 1.3 and 1.4 alike: 1.4 only adds `texts`.
 * Not strict about unknown keys: a later minor version adds fields a renderer of this one can skip.
 */
const texts = <Shape extends z.ZodRawShape>(shape: Shape) => {
  const words = z.object(shape);
  return z.object({ fr: words, en: words }).optional();
};

const location = z.object({ file: z.string(), line: z.number().int().positive().optional() });

const check = z.object({
  id: z.string(),
  title: z.string(),
  points: z.number(),
  earned: z.number(),
  status: z.enum(["passed", "failed", "error", "skipped"]),
  message: z.string(),
  hint: z.string(),
  course: z.string(),
  expected: z.string().optional(),
  actual: z.string().optional(),
  details: z.string().optional(),
  location: location.optional(),
  needs: z.array(z.string()),
  texts: texts({ title: z.string(), message: z.string(), hint: z.string(), course: z.string() }),
  startedAt: z.string(),
  durationMs: z.number(),
});

const finding = z.object({
  kind: z.enum(["lint", "secret", "waste", "content"]),
  rule: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  file: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  course: z.string().optional(),
  path: z.string().optional(),
  bytes: z.number().optional(),
  check: z.string().optional(),
  texts: texts({ message: z.string(), course: z.string().optional() }),
});

const layer = z.object({
  index: z.number().int(),
  digest: z.string(),
  instruction: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  bytes: z.number(),
  filesAdded: z.number(),
  filesChanged: z.number(),
  filesRemoved: z.number(),
  wastedBytes: z.number(),
});

const image = z.object({
  name: z.string(),
  digest: z.string(),
  bytes: z.number(),
  wastedBytes: z.number(),
  efficiency: z.number(),
  layers: z.array(layer),
  largestFiles: z.array(z.object({ path: z.string(), bytes: z.number(), layer: z.number().int() })),
});

const refused = z.object({
  rule: z.string(),
  file: z.string(),
  line: z.number().int().optional(),
  setting: z.string(),
  message: z.string(),
  cis: z.string().optional(),
  texts: texts({ message: z.string() }),
});

const failure = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string(),
  violations: z.array(refused).optional(),
  texts: texts({ message: z.string(), hint: z.string() }),
});

export const SAVED_RESULT = z.object({
  schemaVersion: z.enum(["1.3", "1.4"]),
  tool: z.object({ name: z.literal("dockgrade"), version: z.string() }),
  runId: z.string(),
  lang: z.enum(["fr", "en"]),
  exercise: z.object({ id: z.string(), title: z.string(), chapter: z.string(), texts: texts({ title: z.string() }) }),
  submission: z.object({ path: z.string() }),
  engine: z.object({ version: z.string(), apiVersion: z.string(), endpoint: z.string() }).optional(),
  score: z.number(),
  maxScore: z.number(),
  checks: z.array(check),
  findings: z.array(finding).optional(),
  images: z.array(image).optional(),
  failure: failure.optional(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  timings: z.array(z.object({ phase: z.string(), durationMs: z.number() })),
});

export type SavedResult = z.infer<typeof SAVED_RESULT>;
