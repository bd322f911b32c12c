import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { buildCheck } from "../../../harness/checks/image/build-check.ts";
import { forbiddenFilesCheck } from "../../../harness/checks/image/forbidden-files-check.ts";
import { healthcheckDeclaredCheck, healthcheckHealthyCheck } from "../../../harness/checks/image/healthcheck-checks.ts";
import { imageHygieneCheck, layerEfficiencyCheck } from "../../../harness/checks/image/layer-checks.ts";
import { imageSizeCheck, layerCountCheck, sizeOverBaseCheck } from "../../../harness/checks/image/size-checks.ts";
import { contextSizeCheck } from "../context-size-check.ts";

/**
 * Chapter 10: an image on a budget. What ships (size, size over the base, layers, no toolchain, no
 * waste), what is sent to build it (the context), and how soon it serves (start to healthy).
 * Budgets leave room for the official busybox:1.37 (4.3 MB) on students' machines.
 */
export default defineGrader((exercise) => [
  buildCheck(exercise),
  contextSizeCheck({ maxKilobytes: 32 }),
  imageSizeCheck({ maxMegabytes: 8 }),
  sizeOverBaseCheck({ maxMegabytes: 1.5 }),
  layerCountCheck({ maxLayers: 3 }),
  forbiddenFilesCheck(),
  imageHygieneCheck(),
  layerEfficiencyCheck({ minEfficiency: 0.95 }),
  healthcheckDeclaredCheck(),
  healthcheckHealthyCheck({ budgetSeconds: 10 }),
]);
