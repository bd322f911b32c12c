import type { HealthcheckSettings } from "../../engine/clients/container-types.ts";
import { text, type Text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { composeLocation, serviceKey } from "../shared-setup/compose-lines.ts";
import { composeStack } from "../shared-setup/compose-stack.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { runningService } from "./running-service.ts";
import { formatDependency, type Dependency } from "./service-rules.ts";
import { judgeStartOrder, type StartOrder } from "./start-order.ts";

/** The engine's defaults when a healthcheck leaves them out (nanoseconds in the API). */
const DEFAULT_INTERVAL_MS = 30_000;

/**
 * Behavioural: each dependent container really started after its dependency became healthy, as
 * the engine recorded it (the dependent's `State.StartedAt` against the dependency's health log).
 * Run it right after `stack-up`, while the dependency's first probes are still in its log.
 */
export function startOrderCheck(options: { dependencies: readonly Dependency[] }, overrides: CheckOverrides = {}) {
  const pairs = options.dependencies;
  return defineCheck(
    {
      id: "start-order",
      title: text(
        `Ordre de démarrage observé : ${pairs.map(formatDependency).join(", ")} après l'état healthy`,
        `Start order observed: ${pairs.map(formatDependency).join(", ")} after healthy`,
      ),
      points: 3,
      needs: ["stack-up"],
      concurrent: true,
      course: COURSE.compose.serviceSettings,
      hint: text(
        "Le correcteur compare l'heure de démarrage de chaque service (`docker inspect --format '{{.State.StartedAt}}' <conteneur>`) à la première sonde réussie du service dont il dépend (`{{json .State.Health.Log}}`). Pour que Compose attende, il faut un healthcheck sur le service attendu et `depends_on: { <service>: { condition: service_healthy } }` chez celui qui attend.",
        "The grader compares each service's start time (`docker inspect --format '{{.State.StartedAt}}' <container>`) with the first successful probe of the service it depends on (`{{json .State.Health.Log}}`). For Compose to wait, the awaited service needs a healthcheck and the waiting one `depends_on: { <service>: { condition: service_healthy } }`.",
      ),
      timeoutMs: 20_000,
      async run(ctx) {
        const session = await ctx.use(composeStack);
        const lines: { ok: boolean; say: Text; pair: Dependency }[] = [];
        for (const pair of pairs) {
          const dependent = await runningService(session, pair.dependent);
          const dependency = await runningService(session, pair.dependency);
          if (!dependent.running) {
            lines.push({ ok: false, say: dependent.why, pair });
            continue;
          }
          if (!dependency.running) {
            lines.push({ ok: false, say: dependency.why, pair });
            continue;
          }
          const [waiting, awaited] = await Promise.all([dependent.container.inspect(), dependency.container.inspect()]);
          const order = judgeStartOrder({
            dependentStartedAt: waiting.State.StartedAt,
            dependentRestarts: waiting.RestartCount,
            dependencyStartedAt: awaited.State.StartedAt,
            healthLog: awaited.State.Health?.Log.map((probe) => ({ start: probe.Start, end: probe.End, exitCode: probe.ExitCode })),
            firstProbeDelayMs: firstProbeDelayMs(awaited.Config.Healthcheck),
          });
          lines.push({ ok: order.order === "after-healthy" || order.order === "unknown", say: describe(pair, order, waiting.State.StartedAt), pair });
        }
        const wrong = lines.filter((line) => !line.ok);
        // A stopped service shows in two pairs with the same words: say it once.
        const say = (list: typeof lines, lang: "fr" | "en") => [...new Set(list.map((line) => line.say[lang]))].join("\n");
        const details = (lang: "fr" | "en") => say(lines, lang);
        if (wrong.length === 0)
          return passed(
            text("Chaque service a démarré après que sa dépendance est devenue healthy.", "Each service started after its dependency became healthy."),
            details("en"),
          );
        return failed(text(say(wrong, "fr"), say(wrong, "en")), {
          expected: pairs.map((pair) => `${formatDependency(pair)}: started after healthy`).join("\n"),
          actual: details("en"),
          credit: (lines.length - wrong.length) / lines.length,
          // The dependent's `depends_on:` entry for it: where Compose is told to wait.
          location: await composeLocation(ctx, serviceKey(wrong[0]!.pair.dependent, "depends_on", wrong[0]!.pair.dependency)),
        });
      },
    },
    overrides,
  );
}

function firstProbeDelayMs(healthcheck: HealthcheckSettings | undefined): number {
  const interval = nanosToMs(healthcheck?.Interval) ?? DEFAULT_INTERVAL_MS;
  const startInterval = nanosToMs(healthcheck?.StartInterval) ?? interval;
  return Math.min(interval, startInterval);
}

function nanosToMs(value: number | undefined): number | undefined {
  return value ? value / 1_000_000 : undefined;
}

function describe(pair: Dependency, order: StartOrder, startedAt: string): Text {
  const { dependent, dependency } = pair;
  switch (order.order) {
    case "after-healthy":
      return text(
        `${dependent} a démarré ${order.marginMs} ms après que ${dependency} est devenu healthy (${order.healthyAt}).`,
        `${dependent} started ${order.marginMs} ms after ${dependency} became healthy (${order.healthyAt}).`,
      );
    case "before-healthy":
      return order.firstHealthyAt
        ? text(
            `${dependent} a démarré (${startedAt}) ${order.earlyByMs} ms avant que ${dependency} ne devienne healthy (${order.firstHealthyAt}).`,
            `${dependent} started (${startedAt}) ${order.earlyByMs} ms before ${dependency} became healthy (${order.firstHealthyAt}).`,
          )
        : text(
            `${dependent} a démarré (${startedAt}) alors qu'aucune sonde de ${dependency} n'avait encore réussi.`,
            `${dependent} started (${startedAt}) before any probe of ${dependency} had succeeded.`,
          );
    case "restarted":
      return text(
        `${dependent} a redémarré ${order.restarts} fois : son premier démarrage a échoué, sans doute avant que ${dependency} ne soit prêt.`,
        `${dependent} restarted ${order.restarts} time(s): its first start failed, most likely before ${dependency} was ready.`,
      );
    case "no-healthcheck":
      return text(
        `${dependency} n'a pas de healthcheck : ${dependent} ne peut pas attendre qu'il soit healthy.`,
        `${dependency} has no healthcheck: ${dependent} cannot wait for it to be healthy.`,
      );
    case "unknown":
      return text(
        `${dependent} -> ${dependency} : le journal de santé ne remonte plus jusqu'au démarrage ; ordre non vérifiable, accordé.`,
        `${dependent} -> ${dependency}: the health log no longer reaches back to the start; order not verifiable, granted.`,
      );
  }
}
