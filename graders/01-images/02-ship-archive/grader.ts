import { archiveLoadsCheck, archiveRunsCheck } from "../../../harness/checks/archive/load-checks.ts";
import { archiveStructureCheck, archiveTagsCheck, shipScriptCheck } from "../../../harness/checks/archive/ship-checks.ts";
import { shipPlan } from "../../../harness/checks/archive/ship-plan.ts";
import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { buildCheck } from "../../../harness/checks/image/build-check.ts";

/**
 * Chapter 01: the student's ship.sh tags the image the grader built with the release's tags and
 * `docker save`s it into $OUT_DIR; the grader reads the archive as `docker load` does, loads it
 * back through the engine and runs the loaded tag. The script runs in the scripts' sandbox, whose
 * API proxy allows `docker tag` into the run's own $REPOSITORY and `docker save` of the run's images.
 */
export default defineGrader((exercise) => {
  const plan = shipPlan({ imageName: "hello-release", tags: ["1.4.0", "1.4"], scriptTimeoutSeconds: 60 });
  return [
    buildCheck(exercise),
    shipScriptCheck(plan),
    archiveStructureCheck(plan),
    archiveTagsCheck(plan),
    archiveLoadsCheck(plan),
    archiveRunsCheck(plan, { expectOutput: "Bonjour depuis hello-release 1.4.0" }),
  ];
});
