import { setTimeout as sleep } from "node:timers/promises";
import { text, type Text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { composeStack } from "../shared-setup/compose-stack.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { throwIfExited } from "../container-exit.ts";
import { runningService } from "./running-service.ts";

export interface ServiceLogOptions {
  readonly id: string;
  readonly title: Text;
  readonly hint: Text;
  readonly service: string;
  /** What the service's log (stdout and stderr, as `docker compose logs`) must contain or match. */
  readonly expect: string | RegExp;
  readonly budgetSeconds?: number;
}

/**
 * Behavioural: the running service says, in its own log, that a setting reached it (the app
 * printing the log level it really runs with), which no configuration file alone can prove.
 */
export function serviceLogCheck(options: ServiceLogOptions, overrides: CheckOverrides = {}) {
  const budget = options.budgetSeconds ?? 5;
  const matches = (log: string) => (typeof options.expect === "string" ? log.includes(options.expect) : options.expect.test(log));
  return defineCheck(
    {
      id: options.id,
      title: options.title,
      points: 1,
      needs: ["stack-up"],
      course: COURSE.compose.commands,
      hint: options.hint,
      timeoutMs: (budget + 10) * 1000,
      async run(ctx) {
        const lookup = await runningService(await ctx.use(composeStack), options.service);
        if (!lookup.running) return failed(lookup.why, { expected: `${options.service} running` });
        const started = Date.now();
        for (;;) {
          const log = await lookup.container.logs({ tail: 200 });
          const line = log.split("\n").find((entry) => matches(entry));
          if (line !== undefined) return passed(text(`Journal de ${options.service} : « ${line.trim()} »`, `${options.service}'s log: "${line.trim()}"`));
          if (Date.now() - started > budget * 1000) {
            // A service that stopped while its log was watched is told by its exit, not by the missing line.
            await throwIfExited(lookup.container, "reading its log");
            return failed(
              text(`Le journal de ${options.service} ne montre pas ce qui est attendu.`, `${options.service}'s log does not show what is expected.`),
              {
                expected: typeof options.expect === "string" ? options.expect : options.expect.source,
                actual: log.split("\n").slice(-15).join("\n").trim() || "(empty log)",
              },
            );
          }
          await sleep(1000, undefined, { signal: ctx.signal });
        }
      },
    },
    overrides,
  );
}
