import { setTimeout as sleep } from "node:timers/promises";
import type { ContainerInspection } from "../../engine/clients/container-types.ts";
import type { Fixture } from "../context.ts";
import { composeStack } from "../shared-setup/compose-stack.ts";
import { buildTopology, type Topology } from "./topology.ts";

/** Long enough for a healthcheck with a short interval to settle; a service still starting after it is probed as it is. */
const SETTLE_BUDGET_MS = 30_000;
const POLL_MS = 500;

/**
 * The started stack's networks, addresses and DNS names, read once per run. It waits first until no
 * service's healthcheck is still `starting`, so that a probe does not meet a server that is about
 * to listen. Checks that restart the stack must not use it: addresses change.
 */
export const stackTopology: Fixture<Topology> = {
  name: "stack topology",
  async setUp(ctx) {
    const session = await ctx.use(composeStack);
    const services = session.stack.serviceNames;
    const inspectAll = async () =>
      Object.fromEntries(await Promise.all(services.map(async (name) => [name, await session.stack.service(name).inspect()] as const)));
    const deadline = Date.now() + SETTLE_BUDGET_MS;
    let inspected = await inspectAll();
    while (Object.values(inspected).some(stillStarting) && Date.now() < deadline) {
      await sleep(POLL_MS, undefined, { signal: ctx.signal });
      inspected = await inspectAll();
    }
    return buildTopology(session.project.model, inspected);
  },
};

function stillStarting(info: ContainerInspection): boolean {
  return info.State.Running && info.State.Health?.Status === "starting";
}
