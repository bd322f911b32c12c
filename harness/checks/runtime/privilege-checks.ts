import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { decodeCapabilities, extraCapabilities, normaliseCapability } from "./capabilities.ts";
import { ProbeError, readMainProcessStatus } from "./probes.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { onRunning, type RuntimeTarget } from "./target.ts";

/**
 * The capabilities the main process holds (CapEff) and could still get (CapBnd: whatever runs as
 * root in the container, `docker exec -u 0` included, gets this set), decoded and compared with the
 * exercise's allowlist. Extra capabilities held: no credit; only in the bounding set: half.
 */
export function capabilitiesCheck(options: { target: RuntimeTarget; allowed: readonly string[] }, overrides: CheckOverrides = {}) {
  const allowed = options.allowed.map(normaliseCapability);
  const listed = allowed.join(", ");
  const hint =
    allowed.length === 0
      ? text(
          "Retirez toutes les capacités avec `cap_drop: [ALL]` : cette application n'en a besoin d'aucune. Vérifiez avec `docker exec <conteneur> grep Cap /proc/1/status` (masques hexadécimaux, lisibles avec `capsh --decode=…`).",
          "Drop every capability with `cap_drop: [ALL]`: this app needs none. Check with `docker exec <container> grep Cap /proc/1/status` (hexadecimal masks, readable with `capsh --decode=…`).",
        )
      : text(
          `Retirez toutes les capacités avec \`cap_drop: [ALL]\`, puis rendez seulement celles dont l'application a besoin : \`cap_add: [${listed}]\`. Vérifiez avec \`docker exec <conteneur> grep Cap /proc/1/status\` (masques hexadécimaux, lisibles avec \`capsh --decode=…\`).`,
          `Drop every capability with \`cap_drop: [ALL]\`, then give back only those the app needs: \`cap_add: [${listed}]\`. Check with \`docker exec <container> grep Cap /proc/1/status\` (hexadecimal masks, readable with \`capsh --decode=…\`).`,
        );
  return defineCheck(
    {
      id: "capabilities",
      title:
        allowed.length === 0
          ? text("Aucune capacité Linux (cap_drop: [ALL])", "No Linux capability (cap_drop: [ALL])")
          : text(`Capacités Linux limitées à ${listed}`, `Linux capabilities limited to ${listed}`),
      points: 2,
      needs: options.target.needs,
      concurrent: true,
      course: COURSE.security.runtimeHardening,
      hint,
      run: (ctx) =>
        onRunning(ctx, options.target, async (container) => {
          const [status, info] = await Promise.all([readMainProcessStatus(ctx, container), container.inspect()]);
          const effective = decodeCapabilities(status.capEff);
          const bounding = decodeCapabilities(status.capBnd);
          const heldExtra = extraCapabilities(effective, allowed);
          const boundingExtra = extraCapabilities(bounding, allowed);
          const details = [
            `CapEff ${status.capEff}: ${effective.join(", ") || "(none)"}`,
            `CapBnd ${status.capBnd}: ${bounding.join(", ") || "(none)"}`,
            `cap_drop: ${JSON.stringify(info.HostConfig.CapDrop ?? [])}, cap_add: ${JSON.stringify(info.HostConfig.CapAdd ?? [])}`,
          ].join("\n");
          const expected = listed || "(none)";
          if (heldExtra.length > 0) {
            const extra = heldExtra.join(", ");
            return failed(text(`Le processus principal détient des capacités en trop : ${extra}.`, `The main process holds extra capabilities: ${extra}.`), {
              expected,
              actual: effective.join(", "),
              details,
            });
          }
          if (boundingExtra.length > 0) {
            const extra = boundingExtra.join(", ");
            return failed(
              text(
                `Le processus principal ne les utilise pas, mais tout ce qui tourne en root dans le conteneur (un \`docker exec\`, un binaire setuid) obtiendrait : ${extra}.`,
                `The main process does not use them, but anything running as root in the container (a \`docker exec\`, a setuid binary) would get: ${extra}.`,
              ),
              { expected, actual: bounding.join(", "), details, credit: 0.5 },
            );
          }
          return passed(text(`Capacités : ${bounding.join(", ") || "aucune"}.`, `Capabilities: ${bounding.join(", ") || "none"}.`), details);
        }),
    },
    overrides,
  );
}

/** The kernel's no_new_privs flag on the main process: setuid binaries and file capabilities give nothing. */
export function noNewPrivilegesCheck(options: { target: RuntimeTarget }, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "no-new-privileges",
      title: text("no-new-privileges actif sur le processus", "no-new-privileges set on the process"),
      points: 1,
      needs: options.target.needs,
      concurrent: true,
      course: COURSE.security.runtimeHardening,
      hint: text(
        'Ajoutez `security_opt: ["no-new-privileges:true"]` au service (`docker run --security-opt no-new-privileges`) : aucun binaire setuid ne pourra plus élever les privilèges. `grep NoNewPrivs /proc/1/status` doit afficher 1.',
        'Add `security_opt: ["no-new-privileges:true"]` to the service (`docker run --security-opt no-new-privileges`): no setuid binary can raise privileges any more. `grep NoNewPrivs /proc/1/status` must print 1.',
      ),
      run: (ctx) =>
        onRunning(ctx, options.target, async (container) => {
          const [status, info] = await Promise.all([readMainProcessStatus(ctx, container), container.inspect()]);
          const details = `security_opt: ${JSON.stringify(info.HostConfig.SecurityOpt ?? [])}`;
          if (status.noNewPrivs === undefined) throw new ProbeError("this kernel does not report NoNewPrivs in /proc/<pid>/status (Linux < 4.10)");
          if (status.noNewPrivs) return passed(text("NoNewPrivs: 1.", "NoNewPrivs: 1."), details);
          return failed(
            text("Le processus principal peut encore gagner des privilèges (NoNewPrivs: 0).", "The main process can still gain privileges (NoNewPrivs: 0)."),
            {
              expected: "NoNewPrivs: 1",
              actual: "NoNewPrivs: 0",
              details,
            },
          );
        }),
    },
    overrides,
  );
}
