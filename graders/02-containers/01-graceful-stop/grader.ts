import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { gracefulStopCheck, restartAfterCrashCheck } from "../../../harness/checks/runtime/lifecycle-checks.ts";
import { logsOnStdoutCheck } from "../../../harness/checks/runtime/logs-check.ts";
import { composeService } from "../../../harness/checks/runtime/target.ts";

/**
 * Chapter 02: a service's life cycle. Its lines reach `docker logs`, a crash brings it back, and
 * `docker stop` ends it cleanly. The stop comes last: it leaves the service down.
 */
const relay = composeService("relay");

export default defineGrader(() => [
  composeValidCheck(),
  stackUpCheck(),
  logsOnStdoutCheck({ target: relay, pattern: "notification [0-9]+", withinSeconds: 5 }),
  restartAfterCrashCheck({ target: relay, withinSeconds: 10 }),
  gracefulStopCheck({ target: relay, withinSeconds: 3 }),
]);
