import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { basePinnedCheck } from "../../../harness/checks/image/base-pinned-check.ts";
import { buildCheck } from "../../../harness/checks/image/build-check.ts";
import { ociLabelsCheck } from "../../../harness/checks/image/metadata-checks.ts";
import { buildArgLabelsCheck, releaseTagCheck, versionLabelCheck } from "../../../harness/checks/image/release-checks.ts";
import { imageSizeCheck, layerCountCheck } from "../../../harness/checks/image/size-checks.ts";

/**
 * Chapter 01: a release image that says what it is. OCI labels (the version one equal to the tag
 * release.env publishes, created and revision from build arguments), a valid `IMAGE:VERSION` for
 * the release the statement gives, a small base and few layers. The size budget leaves room for the
 * official busybox:1.37 (4.3 MB) on students' machines.
 */
export default defineGrader((exercise) => [
  buildCheck(exercise),
  basePinnedCheck(),
  imageSizeCheck({ maxMegabytes: 10 }),
  layerCountCheck({ maxLayers: 3 }),
  ociLabelsCheck({ required: { title: "non-empty", version: "semver", source: "url", licenses: "non-empty" } }),
  releaseTagCheck({ version: "2.1.0" }),
  versionLabelCheck(),
  buildArgLabelsCheck(),
]);
