import type { ContainerState } from "../../engine/clients/container-client.ts";
import type { ContainerConfigDetails } from "../../engine/clients/container-types.ts";
import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { stoppedContainerVerdict } from "../image/container-verdicts.ts";
import type { Fault } from "./faults.ts";
import { pollUntil, secondsSince } from "./poll.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { onRunning, type RuntimeTarget } from "./target.ts";

/** The longest between two looks: the engine's events (container-watch.ts) wake the waits sooner. */
const POLL_MS = 250;

/** The healthcheck as the container runs it (the compose file's, else the image's), in words. */
export function describeHealthcheck(config: ContainerConfigDetails): string | undefined {
  const health = config.Healthcheck;
  const test = health?.Test ?? [];
  if (test.length === 0 || test[0] === "NONE") return undefined;
  const seconds = (nanos: number | undefined) => (nanos ? `${nanos / 1e9}s` : "default");
  return `${test.join(" ")} (interval ${seconds(health?.Interval)}, timeout ${seconds(health?.Timeout)}, retries ${health?.Retries ?? "default"}, start_period ${seconds(health?.StartPeriod)})`;
}

function probeLog(state: ContainerState): string {
  return state.health.log.map((probe) => `exit ${probe.exitCode}: ${probe.output.trim()}`).join("\n");
}

/** Started as the student configured it, the container reports `healthy` within the budget of its start. */
export function healthyCheck(options: { target: RuntimeTarget; budgetSeconds: number }, overrides: CheckOverrides = {}) {
  const budget = options.budgetSeconds;
  return defineCheck(
    {
      id: "health-healthy",
      title: text(`Healthcheck : healthy en ${budget} s au plus`, `Healthcheck: healthy within ${budget} s`),
      points: 2,
      needs: options.target.needs,
      course: COURSE.containers.healthchecks,
      hint: text(
        "Déclarez un `healthcheck:` dont la commande existe dans l'image, avec un `interval` court (2s) et un `start_period` adapté : le premier verdict tombe après un intervalle. `docker inspect --format '{{json .State.Health}}' <conteneur>` montre les sorties des sondes.",
        "Declare a `healthcheck:` whose command exists in the image, with a short `interval` (2s) and a fitting `start_period`: the first verdict comes after one interval. `docker inspect --format '{{json .State.Health}}' <container>` shows the probes' output.",
      ),
      timeoutMs: (budget + 30) * 1000,
      run: (ctx) =>
        onRunning(ctx, options.target, async (container) => {
          const info = await container.inspect();
          const probe = describeHealthcheck(info.Config);
          if (!probe) {
            return failed(
              text("Aucun healthcheck : Docker ne peut pas savoir si le service fonctionne.", "No healthcheck: Docker cannot tell whether the service works."),
              {
                expected: "healthcheck",
                actual: "(none)",
              },
            );
          }
          const startedAt = Date.parse(info.State.StartedAt);
          const now = Date.now();
          // Counted from the container's start, as the statement says; never less than one last look.
          const deadline = Math.max(now + 1000, Math.min(now + budget * 1000, (Number.isNaN(startedAt) ? now : startedAt) + budget * 1000));
          using watch = await container.watch(ctx.signal);
          const final = await pollUntil(
            async () => {
              const state = await container.state();
              return !state.running || state.health.status === "healthy" || state.health.status === "unhealthy" ? state : undefined;
            },
            { deadline, intervalMs: POLL_MS, signal: ctx.signal, watch },
          );
          const state = final ?? (await container.state());
          if (!state.running) return stoppedContainerVerdict(container, state);
          const waited = Number.isNaN(startedAt) ? "?" : secondsSince(startedAt);
          if (state.health.status === "healthy") return passed(text(`Healthy ${waited} s après le démarrage.`, `Healthy ${waited} s after start.`), probe);
          return failed(text(`État « ${state.health.status} » ${waited} s après le démarrage.`, `Status "${state.health.status}" ${waited} s after start.`), {
            expected: `healthy <= ${budget} s`,
            actual: state.health.status,
            details: `${probe}\n${probeLog(state)}`,
          });
        }),
    },
    overrides,
  );
}

/**
 * The healthcheck tests what the service does, not only that a process exists: after the grader
 * breaks the app (`fault`), the container turns `unhealthy` within the budget. The fault is repaired
 * whatever happens.
 */
export function healthFaultCheck(
  options: { target: RuntimeTarget; fault: Fault; budgetSeconds: number; healthyCheckId?: string },
  overrides: CheckOverrides = {},
) {
  const budget = options.budgetSeconds;
  const { fault } = options;
  return defineCheck(
    {
      id: "health-detects-fault",
      title: text(
        `Healthcheck : unhealthy en ${budget} s quand l'application ne répond plus`,
        `Healthcheck: unhealthy within ${budget} s when the app stops working`,
      ),
      points: 3,
      needs: [...options.target.needs, options.healthyCheckId ?? "health-healthy"],
      course: COURSE.containers.healthchecks,
      hint: text(
        "Une sonde qui vérifie seulement qu'un processus existe (`pgrep`, `ps | grep`, `true`) reste verte quand l'application est bloquée. Testez ce que le service rend vraiment (une réponse, un battement de cœur récent), avec un `interval` court et peu de `retries`.",
        "A probe that only checks that a process exists (`pgrep`, `ps | grep`, `true`) stays green while the app is stuck. Test what the service really delivers (an answer, a recent heartbeat), with a short `interval` and few `retries`.",
      ),
      timeoutMs: (2 * budget + 30) * 1000,
      run: (ctx) =>
        onRunning(ctx, options.target, async (container) => {
          const probe = describeHealthcheck((await container.inspect()).Config) ?? "(none)";
          using watch = await container.watch(ctx.signal);
          // Earlier checks may have disturbed it: start from a healthy container, or the test says nothing.
          const ready = await pollUntil(async () => ((await container.state()).health.status === "healthy" ? true : undefined), {
            deadline: Date.now() + budget * 1000,
            intervalMs: POLL_MS,
            signal: ctx.signal,
            watch,
          });
          if (!ready) {
            const state = await container.state();
            if (!state.running) return stoppedContainerVerdict(container, state);
            return failed(text("Le conteneur n'était pas healthy avant la panne simulée.", "The container was not healthy before the simulated fault."), {
              expected: "healthy",
              actual: state.health.status,
              details: `${probe}\n${probeLog(state)}`,
            });
          }
          const injectedAt = Date.now();
          await fault.inject(ctx, container);
          let state: ContainerState | undefined;
          let waited: string;
          try {
            state = await pollUntil(
              async () => {
                const now = await container.state();
                return !now.running || now.health.status === "unhealthy" ? now : undefined;
              },
              { deadline: injectedAt + budget * 1000, intervalMs: POLL_MS, signal: ctx.signal, watch },
            );
            waited = secondsSince(injectedAt);
          } finally {
            await fault.repair(ctx, container);
          }
          if (state && !state.running) return stoppedContainerVerdict(container, state);
          if (state) {
            return passed(
              text(`Unhealthy ${waited} s après que le correcteur ${fault.description.fr}.`, `Unhealthy ${waited} s after the grader ${fault.description.en}.`),
              probe,
            );
          }
          const last = await container.state();
          return failed(
            text(
              `Toujours « ${last.health.status} » ${waited} s après que le correcteur ${fault.description.fr} : la sonde ne voit pas la panne.`,
              `Still "${last.health.status}" ${waited} s after the grader ${fault.description.en}: the probe does not see the breakdown.`,
            ),
            { expected: `unhealthy <= ${budget} s`, actual: last.health.status, details: `${probe}\n${probeLog(last)}` },
          );
        }),
    },
    overrides,
  );
}
