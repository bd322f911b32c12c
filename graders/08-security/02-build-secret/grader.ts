import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { buildSecretNotLeakedCheck, buildSecretUsedCheck } from "../../../harness/checks/image/build-secret-check.ts";
import { buildCheck } from "../../../harness/checks/image/build-check.ts";
import { layerSecretsCheck } from "../../../harness/checks/image/layer-checks.ts";
import { noSecretsCheck } from "../../../harness/checks/image/no-secrets-check.ts";
import { userConfiguredCheck, userRuntimeCheck } from "../../../harness/checks/image/user-checks.ts";

/**
 * Chapter 08: a build step needs a registry token. The grader makes one up for each run and hands
 * it over as a BuildKit secret and, the leaky way, as the NPM_TOKEN build argument. The fetch step
 * writes the token's SHA-256 to a receipt, which proves the build read this run's token; the
 * token itself must then be nowhere in the image. A leak is only judged once the token was used:
 * an image that never saw it keeps it trivially. The generic checks look for any credential: in
 * ENV, ARG and the history (no-secrets), and by name or shape in every layer (no-secret-in-layers).
 */
export default defineGrader((exercise) => [
  buildCheck(exercise),
  buildSecretUsedCheck({ secret: "npm_token", path: "/app/vendor/.receipt" }),
  buildSecretNotLeakedCheck({ secret: "npm_token", needs: ["build-secret-used"] }),
  noSecretsCheck(),
  layerSecretsCheck(),
  userConfiguredCheck(),
  userRuntimeCheck(),
]);
