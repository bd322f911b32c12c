import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { basePinnedCheck } from "../../../harness/checks/image/base-pinned-check.ts";
import { buildCheck } from "../../../harness/checks/image/build-check.ts";
import { forbiddenFilesCheck } from "../../../harness/checks/image/forbidden-files-check.ts";
import { healthcheckDeclaredCheck, healthcheckHealthyCheck } from "../../../harness/checks/image/healthcheck-checks.ts";
import { execFormCheck, exposedPortsCheck, ociLabelsCheck } from "../../../harness/checks/image/metadata-checks.ts";
import { noSecretsCheck } from "../../../harness/checks/image/no-secrets-check.ts";
import { imageSizeCheck, layerCountCheck, sizeOverBaseCheck } from "../../../harness/checks/image/size-checks.ts";
import { userConfiguredCheck, userRuntimeCheck } from "../../../harness/checks/image/user-checks.ts";

/**
 * Chapter 05: a compiled app built in stages into a small, non-root, health-checked image.
 * Budgets leave room for the official busybox:1.37 (4.3 MB) on students' machines.
 */
export default defineGrader((exercise) => [
  buildCheck(exercise),
  basePinnedCheck(),
  imageSizeCheck({ maxMegabytes: 10 }),
  sizeOverBaseCheck({ maxMegabytes: 2 }),
  layerCountCheck({ maxLayers: 4 }),
  forbiddenFilesCheck(),
  userConfiguredCheck(),
  userRuntimeCheck(),
  healthcheckDeclaredCheck(),
  healthcheckHealthyCheck({ budgetSeconds: 30 }),
  exposedPortsCheck({ ports: ["8080/tcp"] }),
  execFormCheck(),
  ociLabelsCheck({ required: { title: "non-empty", description: "non-empty", version: "semver", source: "url", licenses: "non-empty" } }),
  noSecretsCheck(),
]);
