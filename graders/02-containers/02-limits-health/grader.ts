import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { freezeApp } from "../../../harness/checks/runtime/faults.ts";
import { healthFaultCheck, healthyCheck } from "../../../harness/checks/runtime/health-checks.ts";
import { cpuLimitCheck, memoryLimitCheck, pidsLimitCheck } from "../../../harness/checks/runtime/limit-checks.ts";
import { capabilitiesCheck, noNewPrivilegesCheck } from "../../../harness/checks/runtime/privilege-checks.ts";
import { readOnlyRootCheck } from "../../../harness/checks/runtime/read-only-check.ts";
import { composeService } from "../../../harness/checks/runtime/target.ts";

/**
 * Chapter 02: a worker run with limits the kernel enforces, a healthcheck that notices when the
 * work stops, and least privilege (chapters 03 and 08). The fault comes last: it disturbs the worker.
 */
const worker = composeService("worker");

export default defineGrader(() => [
  composeValidCheck(),
  stackUpCheck(),
  memoryLimitCheck({ target: worker, maxBytes: 64 * 1024 * 1024 }),
  cpuLimitCheck({ target: worker, maxCpus: 0.5 }),
  pidsLimitCheck({ target: worker, maxPids: 64 }),
  capabilitiesCheck({ target: worker, allowed: [] }),
  noNewPrivilegesCheck({ target: worker }),
  readOnlyRootCheck({ target: worker, writable: ["/tmp", "/run/worker"] }),
  healthyCheck({ target: worker, budgetSeconds: 15 }),
  healthFaultCheck({ target: worker, fault: freezeApp(), budgetSeconds: 15 }),
]);
