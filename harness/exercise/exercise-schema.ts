import { z } from "zod";

const relativePath = z
  .string()
  .min(1)
  .refine((path) => !path.startsWith("/") && !path.split("/").includes(".."), "must be a path inside the submission");

/**
 * A secret the grader hands to the build: a random value per run, written to a private file and
 * passed as `--secret id=<id>,src=<file>`. `buildArg` also passes it as `--build-arg <name>=<value>`,
 * the leaky channel a careless CI offers, so that a starter reading an ARG still builds and its
 * leak can be graded.
 */
const buildSecretSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, "a secret id such as npm_token"),
  buildArg: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a build argument name such as NPM_TOKEN")
    .optional(),
});

/** Version 1 of exercise.yaml. Unknown keys are errors: a typo must not silently drop a rule. */
export const exerciseFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  title: z.strictObject({ fr: z.string().min(1), en: z.string().min(1) }),
  chapter: z.string().regex(/^(0\d|1[0-3]|[A-C])$/, "a chapter is 00 to 13, or an annex A to C"),
  submission: z.strictObject({
    required: z.array(relativePath).min(1),
    /**
     * Files the exercise gives, which the statement says not to touch (the apps' Dockerfiles of a
     * Compose exercise): not linted against the student, unless they differ from the starter's copy.
     */
    provided: z.array(relativePath).default([]),
  }),
  baseImages: z.array(z.string().regex(/^[a-z0-9][a-z0-9._/-]*(:[\w][\w.-]*)?(@sha256:[a-f0-9]{64})?$/, "an image reference such as debian:12-slim")),
  /** A Dockerfile the grader builds on its own; absent when Compose builds the services. */
  build: z
    .strictObject({
      dockerfile: relativePath.default("Dockerfile"),
      context: z.string().min(1).default("."),
      target: z.string().min(1).optional(),
      timeoutSeconds: z.number().int().positive().max(3600).default(300),
      secrets: z.array(buildSecretSchema).default([]),
      /** An application source file the cache-reuse check edits before it rebuilds (chapter 10). */
      cacheProbe: z.strictObject({ edit: relativePath }).optional(),
    })
    .optional(),
  /** A Compose project the grader resolves, builds and runs under a project name of its own. */
  compose: z
    .strictObject({
      files: z.array(relativePath).min(1).default(["compose.yaml"]),
      profiles: z.array(z.string().min(1)).default([]),
      buildTimeoutSeconds: z.number().int().positive().max(3600).default(300),
      startupTimeoutSeconds: z.number().int().positive().max(600).default(60),
      /** Handed to every service's build, whatever the Compose file says. */
      buildSecrets: z.array(buildSecretSchema).default([]),
    })
    .optional(),
  /**
   * Named exceptions to the sandbox policy (harness/policy): rule ids this exercise needs, and the
   * capabilities `cap_add` may name. Everything else the policy refuses stays refused.
   */
  policy: z
    .strictObject({
      allow: z.array(z.string().min(1)).default([]),
      capAdd: z.array(z.string().regex(/^[A-Z_]+$/, "a capability name such as NET_BIND_SERVICE")).default([]),
    })
    .default({ allow: [], capAdd: [] }),
});

export type ExerciseFile = z.infer<typeof exerciseFileSchema>;

/** The marker a starter or solution folder carries, so a copy of it still knows its exercise. */
export const submissionMarkerSchema = z.strictObject({
  exercise: z.string().regex(/^[0-9A-C][\w-]*\/\d\d-[\w-]+$/, "an exercise id such as 05-build/01-multi-stage"),
});

export const SUBMISSION_MARKER = ".dockgrade.yaml";
