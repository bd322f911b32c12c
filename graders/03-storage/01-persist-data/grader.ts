import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { nonRootWriteCheck } from "../../../harness/checks/storage/nonroot-write-check.ts";
import { survivesDownUpCheck, survivesRecreateCheck } from "../../../harness/checks/storage/persistence-checks.ts";
import { readOnlyTmpfsCheck } from "../../../harness/checks/storage/readonly-tmpfs-check.ts";
import { volumeKindCheck } from "../../../harness/checks/storage/volume-kind-check.ts";
import { KV_DATA_DIR, KV_SERVICE, kvdProbe } from "../kvd-probe.ts";

/**
 * Chapter 03: kvd keeps its data in a named volume that a non-root user writes, on a read-only
 * root with tmpfs for /tmp and /run. The checks that recreate the container and take the stack
 * down come last: they replace the containers the others look at.
 */
export default defineGrader(() => [
  composeValidCheck(),
  stackUpCheck(),
  volumeKindCheck({ service: KV_SERVICE, target: KV_DATA_DIR, kind: "volume" }),
  nonRootWriteCheck({ service: KV_SERVICE, dataDir: KV_DATA_DIR }),
  readOnlyTmpfsCheck({ service: KV_SERVICE, tmpfs: ["/tmp", "/run"] }),
  survivesRecreateCheck({ service: KV_SERVICE, probe: kvdProbe }),
  survivesDownUpCheck({ service: KV_SERVICE, probe: kvdProbe }),
]);
