import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { backupCheck, restoreCheck, restoreWritableCheck } from "../../../harness/checks/storage/backup-checks.ts";
import { backupPlan } from "../../../harness/checks/storage/backup-plan.ts";
import { volumeKindCheck } from "../../../harness/checks/storage/volume-kind-check.ts";
import { KV_DATA_DIR, KV_SERVICE, kvdProbe } from "../kvd-probe.ts";

/**
 * Chapter 03: the student's backup.sh and restore.sh save kvd's volume to a tar archive and bring
 * it back, byte for byte, through helper containers. The grader seeds data through kvd, stops the
 * stack, runs backup.sh, deletes the volume (`down -v`), runs restore.sh and starts the stack again.
 */
export default defineGrader(() => {
  const plan = backupPlan({ service: KV_SERVICE, dataDir: KV_DATA_DIR, probe: kvdProbe, scriptTimeoutSeconds: 60 });
  return [
    composeValidCheck(),
    stackUpCheck(),
    volumeKindCheck({ service: KV_SERVICE, target: KV_DATA_DIR, kind: "volume" }, { points: 1 }),
    backupCheck(plan),
    restoreCheck(plan),
    restoreWritableCheck(plan),
  ];
});
