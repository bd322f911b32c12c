import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { internalOnlyCheck } from "../../../harness/checks/network/internal-network-check.ts";
import { namesResolveCheck } from "../../../harness/checks/network/names-check.ts";
import { publishedServicesCheck } from "../../../harness/checks/network/published-ports-checks.ts";
import { reachabilityCheck } from "../../../harness/checks/network/reachability-check.ts";

/**
 * Chapter 04: a three-tier stack segmented by networks. web reaches api, api reaches db (by its
 * alias `database`), web never reaches db, db has no way out, and only web is published.
 */
export default defineGrader(() => [
  composeValidCheck(),
  stackUpCheck(),
  reachabilityCheck({
    allowed: [
      { from: "web", to: "api", port: 8081 },
      { from: "api", to: "db", port: 5432 },
    ],
    blocked: [
      { from: "web", to: "db", port: 5432 },
      { from: "db", to: "web", port: 8080 },
    ],
  }),
  internalOnlyCheck({ service: "db", id: "db-internal" }),
  namesResolveCheck({ id: "db-alias", expectations: [{ from: "api", name: "database", to: "db" }] }),
  publishedServicesCheck({ published: ["web"] }),
]);
