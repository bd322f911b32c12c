import { setTimeout as sleep } from "node:timers/promises";
import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { pollUntil, secondsSince } from "./poll.ts";
import { signalMainProcess } from "./probes.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { classifyStop, signalName } from "./stop-outcome.ts";
import { onRunning, type RuntimeTarget } from "./target.ts";

const WARM_UP_MS = 1000;

/**
 * `docker stop -t N`: the stop signal (SIGTERM unless the service sets another), then SIGKILL after
 * N seconds. The app must end by itself within N seconds with code 0. Dying of the signal or with an
 * error code still stopped fast: half. This check stops the target, so it comes last in a suite.
 */
export function gracefulStopCheck(options: { target: RuntimeTarget; withinSeconds: number }, overrides: CheckOverrides = {}) {
  const grace = options.withinSeconds;
  return defineCheck(
    {
      id: "graceful-stop",
      title: text(`Arrêt propre : code 0 en ${grace} s au plus après SIGTERM`, `Clean stop: exit code 0 within ${grace} s of SIGTERM`),
      points: 3,
      needs: options.target.needs,
      course: COURSE.containers.signalsPid1,
      hint: text(
        "Le processus principal (PID 1) doit recevoir SIGTERM et y réagir : forme exec (`[\"/app/run.sh\"]`, pas de `sh -c` qui garde le signal pour lui), un gestionnaire (`trap '…' TERM` en shell) qui termine le travail en cours puis `exit 0`, et une attente interruptible (`sleep 1 & wait $!` : un `sleep` au premier plan retarde le trap). `init: true` transmet le signal et récupère les zombies.",
        "The main process (PID 1) must receive SIGTERM and act on it: exec form (`[\"/app/run.sh\"]`, no `sh -c` that keeps the signal to itself), a handler (`trap '…' TERM` in shell) that finishes the work in hand then `exit 0`, and an interruptible wait (`sleep 1 & wait $!`: a foreground `sleep` delays the trap). `init: true` forwards the signal and reaps zombies.",
      ),
      timeoutMs: (grace + 30) * 1000,
      run: (ctx) =>
        onRunning(ctx, options.target, async (container) => {
          let before = await container.inspect();
          // A stop in the very first instant (just after a restart) would hit a process that has not
          // installed its handler yet: that is not what is graded. Let it run for a moment first.
          const upMs = Date.now() - Date.parse(before.State.StartedAt);
          if (upMs < WARM_UP_MS) {
            await sleep(WARM_UP_MS - Math.max(0, upMs), undefined, { signal: ctx.signal });
            before = await container.inspect();
          }
          const stopSignal = (before.Config as { StopSignal?: string }).StopSignal || "SIGTERM";
          const started = Date.now();
          await container.stop(grace);
          const elapsedMs = Date.now() - started;
          const state = await container.state();
          const took = (elapsedMs / 1000).toFixed(1);
          const details = `stop signal: ${stopSignal}; init: ${before.HostConfig.Init === true}; command: ${JSON.stringify([before.Path, ...before.Args])}\n--- last logs ---\n${await container.logs({ tail: 15 })}`;
          const outcome = classifyStop(state.exitCode, elapsedMs, grace);
          const actual = `exit ${state.exitCode} after ${took} s`;
          const expected = `exit 0 <= ${grace} s`;
          switch (outcome.kind) {
            case "clean":
              return passed(text(`Arrêté proprement en ${took} s (code 0).`, `Stopped cleanly in ${took} s (exit code 0).`), details);
            case "killed-after-grace":
              return failed(
                text(
                  `${stopSignal} sans effet : Docker a attendu ${grace} s puis tué le conteneur (SIGKILL, code 137).`,
                  `${stopSignal} had no effect: Docker waited ${grace} s, then killed the container (SIGKILL, exit code 137).`,
                ),
                { expected, actual, details },
              );
            case "killed-at-once":
              return failed(
                text(
                  "Le conteneur a été tué d'emblée (SIGKILL, code 137) : le signal d'arrêt configuré ne laisse aucune chance à l'application.",
                  "The container was killed at once (SIGKILL, exit code 137): the configured stop signal gives the app no chance.",
                ),
                {
                  expected,
                  actual,
                  details,
                },
              );
            case "died-of-signal":
              return failed(
                text(
                  `Arrêté en ${took} s, mais tué par ${signalName(outcome.signal)} (code ${state.exitCode}) au lieu de se terminer lui-même : le travail en cours est perdu.`,
                  `Stopped in ${took} s, but killed by ${signalName(outcome.signal)} (exit code ${state.exitCode}) instead of exiting by itself: the work in hand is lost.`,
                ),
                { expected, actual, details, credit: 0.5 },
              );
            case "error-exit":
              return failed(
                text(
                  `Arrêté en ${took} s avec le code ${outcome.exitCode} : un arrêt demandé doit finir par le code 0.`,
                  `Stopped in ${took} s with exit code ${outcome.exitCode}: a requested stop must end with code 0.`,
                ),
                { expected, actual, details, credit: 0.5 },
              );
          }
        }),
    },
    overrides,
  );
}

/**
 * When the main process dies (SIGKILL from outside, as the OOM killer or a crash would), the engine
 * starts the container again: restart count up, running. A target that stays down is brought back
 * (Compose: down and up), so the checks after this one still find it running.
 */
export function restartAfterCrashCheck(options: { target: RuntimeTarget; withinSeconds: number }, overrides: CheckOverrides = {}) {
  const within = options.withinSeconds;
  return defineCheck(
    {
      id: "restart-after-crash",
      title: text(`Relancé par Docker en ${within} s au plus après un plantage`, `Restarted by Docker within ${within} s after a crash`),
      points: 3,
      needs: options.target.needs,
      course: COURSE.containers.modes,
      hint: text(
        "Donnez au service une politique de redémarrage : `restart: on-failure` (relance après un code non nul) ou `restart: unless-stopped` (toujours, sauf arrêt manuel). `docker inspect --format '{{.RestartCount}}' <conteneur>` compte les relances.",
        "Give the service a restart policy: `restart: on-failure` (restarts after a non-zero exit) or `restart: unless-stopped` (always, unless stopped by hand). `docker inspect --format '{{.RestartCount}}' <container>` counts the restarts.",
      ),
      timeoutMs: (within + 60) * 1000,
      run: (ctx) =>
        onRunning(ctx, options.target, async (container) => {
          const before = await container.inspect();
          const policy = before.HostConfig.RestartPolicy?.Name || "no";
          const killedAt = Date.now();
          await signalMainProcess(ctx, container, "KILL", { tree: false });
          const back = await pollUntil(
            async () => {
              const now = await container.inspect();
              // While the engine waits to restart it, the container reads Running *and* Restarting.
              return now.RestartCount > before.RestartCount && now.State.Running && !now.State.Restarting ? now : undefined;
            },
            { deadline: killedAt + within * 1000, intervalMs: 250, signal: ctx.signal },
          );
          if (back) {
            return passed(
              text(`Relancé en ${secondsSince(killedAt)} s (politique « ${policy} »).`, `Restarted in ${secondsSince(killedAt)} s (policy "${policy}").`),
              `RestartCount ${before.RestartCount} -> ${back.RestartCount}`,
            );
          }
          const after = await container.inspect();
          await options.target.revive?.(ctx);
          return failed(
            text(
              `Processus principal tué : le conteneur est resté arrêté (${after.State.Status}, code ${after.State.ExitCode}) avec la politique « ${policy} ».`,
              `Main process killed: the container stayed down (${after.State.Status}, exit code ${after.State.ExitCode}) with restart policy "${policy}".`,
            ),
            {
              expected: `running again <= ${within} s (restart count +1)`,
              actual: `${after.State.Status}, restart count ${after.RestartCount}`,
              details: `restart policy: ${JSON.stringify(before.HostConfig.RestartPolicy ?? {})}`,
            },
          );
        }),
    },
    overrides,
  );
}
