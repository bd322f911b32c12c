import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { buildCheck } from "../../../harness/checks/image/build-check.ts";
import { cacheReuseCheck } from "../../../harness/checks/image/cache-check.ts";
import { imageSizeCheck } from "../../../harness/checks/image/size-checks.ts";
import { userConfiguredCheck, userRuntimeCheck } from "../../../harness/checks/image/user-checks.ts";

/**
 * Chapter 10: instructions ordered from the least to the most often changed, so that an edit of the
 * server's code rebuilds the code only. The size and user checks keep the multi-stage and non-root
 * lessons from being traded away for a fast rebuild.
 */
export default defineGrader((exercise) => [
  buildCheck(exercise),
  cacheReuseCheck(exercise, {}, { points: 4 }),
  imageSizeCheck({ maxMegabytes: 10 }),
  userConfiguredCheck(),
  userRuntimeCheck(),
]);
