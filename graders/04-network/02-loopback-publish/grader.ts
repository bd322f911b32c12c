import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { internalOnlyCheck } from "../../../harness/checks/network/internal-network-check.ts";
import { namesResolveCheck } from "../../../harness/checks/network/names-check.ts";
import { loopbackOnlyCheck, publishedEverywhereCheck } from "../../../harness/checks/network/published-ports-checks.ts";

/**
 * Chapter 04: the admin console (9090) is published on the host's loopback only, the shop (8080)
 * on every interface; the collector reaches the console as `shop-admin` over an internal network.
 */
export default defineGrader(() => [
  composeValidCheck(),
  stackUpCheck(),
  loopbackOnlyCheck({ id: "admin-loopback-only", service: "shop", port: 9090, http: true }),
  publishedEverywhereCheck({ id: "public-port", service: "shop", port: 8080, http: true }),
  namesResolveCheck({ id: "admin-alias", expectations: [{ from: "metrics", name: "shop-admin", to: "shop" }] }),
  internalOnlyCheck({ service: "metrics", id: "metrics-internal" }),
]);
