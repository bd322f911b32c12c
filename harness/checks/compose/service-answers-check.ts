import { setTimeout as sleep } from "node:timers/promises";
import { runLabels } from "../../kernel/run-labels.ts";
import { PROBE_IMAGE } from "../../images/grader-images.ts";
import { text, type Text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import type { CheckContext } from "../context.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { composeStack } from "../shared-setup/compose-stack.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { runningService } from "./running-service.ts";

export interface ServiceAnswersOptions {
  readonly id?: string;
  readonly title?: Text;
  readonly hint?: Text;
  readonly service: string;
  readonly port: number;
  readonly path: string;
  /** What the body must contain (a string) or match (a pattern). */
  readonly expect: string | RegExp;
  /** How long the service may take to answer as expected, retrying every second (it is already up). */
  readonly budgetSeconds?: number;
}

const PROBE_TIMEOUT_SECONDS = 5;

/**
 * Behavioural: an HTTP GET from the grader's probe (busybox, never the student's image) inside the
 * service's own network namespace, on loopback: the service must answer with the expected body.
 * No traffic leaves the stack's containers.
 */
export function serviceAnswersCheck(options: ServiceAnswersOptions, overrides: CheckOverrides = {}) {
  const { service, port, path } = options;
  const budget = options.budgetSeconds ?? 8;
  const url = `http://127.0.0.1:${port}${path}`;
  const wanted = typeof options.expect === "string" ? options.expect : options.expect.source;
  const matches = (body: string) => (typeof options.expect === "string" ? body.includes(options.expect) : options.expect.test(body));
  return defineCheck(
    {
      id: options.id ?? "service-answers",
      title: options.title ?? text(`${service} répond sur ${port}${path}`, `${service} answers on ${port}${path}`),
      points: 2,
      needs: ["stack-up"],
      course: COURSE.compose.commands,
      hint:
        options.hint ??
        text(
          `Essayez depuis le conteneur : \`docker compose exec ${service} wget -q -O - ${url}\`, et lisez \`docker compose logs\` : le service, ou l'un de ceux dont il dépend, ne répond pas comme attendu.`,
          `Try it from the container: \`docker compose exec ${service} wget -q -O - ${url}\`, and read \`docker compose logs\`: the service, or one it depends on, does not answer as expected.`,
        ),
      timeoutMs: (budget + 3 * PROBE_TIMEOUT_SECONDS + 10) * 1000,
      async run(ctx) {
        const lookup = await runningService(await ctx.use(composeStack), service);
        if (!lookup.running) return failed(lookup.why, { expected: `${service} running` });
        const started = Date.now();
        let last = "";
        for (;;) {
          const answer = await probe(ctx, lookup.container.id, url);
          last = answer.output.trim();
          if (answer.exitCode === 0 && matches(last)) {
            const waited = Math.round((Date.now() - started) / 1000);
            return passed(text(`${service} répond (${waited} s) : ${excerpt(last)}`, `${service} answers (${waited} s): ${excerpt(last)}`));
          }
          if (Date.now() - started > budget * 1000) break;
          await sleep(1000, undefined, { signal: ctx.signal });
        }
        return failed(text(`${service} ne répond pas comme attendu sur ${url}.`, `${service} does not answer as expected on ${url}.`), {
          expected: wanted,
          actual: excerpt(last) || "(no answer)",
        });
      },
    },
    overrides,
  );
}

/** One GET from a throw-away busybox sharing the service's network namespace. */
function probe(ctx: CheckContext, containerId: string, url: string) {
  return ctx.engine.containers.runOnce({
    image: PROBE_IMAGE,
    // busybox's wget has no timeout option everywhere; `timeout` bounds a service that never answers.
    command: ["timeout", String(PROBE_TIMEOUT_SECONDS), "wget", "-q", "-O", "-", url],
    labels: runLabels(ctx.runId, ctx.exercise.id),
    networkMode: `container:${containerId}`,
    timeoutMs: (PROBE_TIMEOUT_SECONDS + 5) * 1000,
  });
}

function excerpt(body: string): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
