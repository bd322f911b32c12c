import type { RunningContainer } from "../../engine/clients/container-client.ts";
import type { SourceLocation } from "../../kernel/result.ts";
import { text, type Text } from "../../kernel/text.ts";
import { failed, type Verdict } from "../../kernel/check.ts";
import type { CheckContext } from "../context.ts";
import { appContainer } from "../shared-setup/app-container.ts";
import { composeLocation, serviceKey } from "../shared-setup/compose-lines.ts";
import { composeStack } from "../shared-setup/compose-stack.ts";
import { stoppedContainerVerdict } from "../image/container-verdicts.ts";
import { pollUntil } from "./poll.ts";

/** Longest the engine's restart back-off lasts before a check looks anyway. */
const SETTLE_MS = 10_000;

/**
 * The container a runtime check looks at: the app container of a Dockerfile exercise, or one
 * service of a Compose exercise. The same checks serve both.
 */
export interface RuntimeTarget {
  /** How messages name it: "le service « worker »". */
  readonly label: Text;
  /** The check that must pass before this container can exist. */
  readonly needs: readonly string[];
  resolve(ctx: CheckContext): Promise<RunningContainer>;
  /**
   * Where the submission configures this container, for a failed check's annotation: a Compose
   * service's name line. The grader's app container runs with no options of the student's: none.
   */
  locate?(ctx: CheckContext): Promise<SourceLocation | undefined>;
  /**
   * Starts the target afresh after a check left it down, when that is possible (Compose: down then
   * up, volumes kept). The grader's app container cannot be started again: it has no such method.
   */
  revive?(ctx: CheckContext): Promise<void>;
}

/** The named service is not in the started stack (renamed, or in a profile that is off). */
export class TargetMissingError extends Error {
  constructor(
    readonly target: Text,
    readonly present: readonly string[],
  ) {
    super(`${target.en} is not running; the stack has: ${present.join(", ") || "(nothing)"}`);
    this.name = "TargetMissingError";
  }
}

/** The built image started by the grader with no run options: what the image alone does. */
export const appTarget: RuntimeTarget = {
  label: text("le conteneur de l'application", "the app container"),
  needs: ["build"],
  resolve: (ctx) => ctx.use(appContainer),
};

/** The first container of a Compose service, with every option the compose file gives it. */
export function composeService(name: string): RuntimeTarget {
  const label = text(`le service « ${name} »`, `service "${name}"`);
  return {
    label,
    needs: ["stack-up"],
    async resolve(ctx) {
      const { stack } = await ctx.use(composeStack);
      if (!stack.serviceNames.includes(name)) throw new TargetMissingError(label, stack.serviceNames);
      return stack.service(name);
    },
    async revive(ctx) {
      await (await ctx.use(composeStack)).restart({ removeVolumes: false });
    },
    locate: (ctx) => composeLocation(ctx, serviceKey(name)),
  };
}

/**
 * Resolves the target and hands it to `inspectRunning` only while it runs: a missing service or a
 * container that already exited is the student's failure, said plainly, not the grader's error.
 * A failure that names no line points at where the target is configured.
 */
export async function onRunning(ctx: CheckContext, target: RuntimeTarget, inspectRunning: (container: RunningContainer) => Promise<Verdict>): Promise<Verdict> {
  let container: RunningContainer;
  try {
    container = await target.resolve(ctx);
  } catch (error) {
    if (!(error instanceof TargetMissingError)) throw error;
    const present = error.present.join(", ") || "(aucun)";
    return failed(text(`${capitalise(target.label.fr)} n'existe pas dans la stack démarrée.`, `${capitalise(target.label.en)} is not in the started stack.`), {
      expected: target.label.en,
      actual: present,
    });
  }
  // A container between a crash and its restart reads Running (and Restarting): let it settle.
  await pollUntil(async () => ((await container.inspect()).State.Restarting ? undefined : true), {
    deadline: Date.now() + SETTLE_MS,
    intervalMs: 100,
    signal: ctx.signal,
  });
  const state = await container.state();
  const verdict = state.running ? await inspectRunning(container) : await stoppedContainerVerdict(container, state);
  if (verdict.outcome !== "failed" || verdict.location !== undefined || !target.locate) return verdict;
  const location = await target.locate(ctx);
  return location ? { ...verdict, location } : verdict;
}

export function capitalise(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
