import { throwIfExited } from "../container-exit.ts";
import type { CheckContext } from "../context.ts";
import { composeStack } from "../shared-setup/compose-stack.ts";

/**
 * Throws the exit of the first service of a failed pair that is no longer running: stack-up saw it
 * up, so a connection or a name that failed with it is told by how it ended (killed, crashed) and
 * never blamed on the networks or the aliases. Services the active profiles did not start are
 * not in the stack and are left to the check's own verdict.
 */
export async function throwIfPairStopped(ctx: CheckContext, failures: readonly { readonly from: string; readonly to: string }[]): Promise<void> {
  const { stack } = await ctx.use(composeStack);
  for (const { from, to } of failures) {
    for (const service of [from, to]) {
      if (stack.serviceNames.includes(service)) await throwIfExited(stack.service(service), `a probe from ${from} to ${to}`);
    }
  }
}
