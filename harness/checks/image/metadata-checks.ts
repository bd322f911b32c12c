import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { finalStageLocation, lastOf } from "../shared-setup/dockerfile-lines.ts";
import { imageFacts } from "../shared-setup/image-facts.ts";

export function exposedPortsCheck(options: { ports: readonly string[] }, overrides: CheckOverrides = {}) {
  const wanted = options.ports.map((port) => (port.includes("/") ? port : `${port}/tcp`));
  return defineCheck(
    {
      id: "exposed-ports",
      title: text(
        `Port${wanted.length > 1 ? "s" : ""} exposé${wanted.length > 1 ? "s" : ""} : ${wanted.join(", ")}`,
        `Exposed port${wanted.length > 1 ? "s" : ""}: ${wanted.join(", ")}`,
      ),
      points: 1,
      needs: ["build"],
      concurrent: true,
      course: COURSE.build.instructions,
      hint: text(`Documentez le port d'écoute avec \`EXPOSE ${wanted.join(" ")}\`.`, `Document the listening port with \`EXPOSE ${wanted.join(" ")}\`.`),
      async run(ctx) {
        const exposed = Object.keys((await ctx.use(imageFacts)).image.config.ExposedPorts ?? {});
        const missing = wanted.filter((port) => !exposed.includes(port));
        const actual = exposed.join(", ") || "(none)";
        if (missing.length === 0) return passed(text(`Exposé : ${actual}.`, `Exposed: ${actual}.`));
        return failed(text(`Non exposé : ${missing.join(", ")}.`, `Not exposed: ${missing.join(", ")}.`), {
          expected: wanted.join(", "),
          actual,
          location: await finalStageLocation(ctx, lastOf("EXPOSE")),
        });
      },
    },
    overrides,
  );
}

type LabelRule = "non-empty" | "semver" | "url";

const RULES: Record<LabelRule, (value: string) => boolean> = {
  "non-empty": (value) => value.trim() !== "",
  semver: (value) => /^v?\d+\.\d+\.\d+(?:-[\w.]+)?(?:\+[\w.]+)?$/.test(value),
  url: (value) => URL.canParse(value) && /^(https?|git|ssh):/.test(value),
};

/** Partial credit: each required label present and well-formed earns its share. */
export function ociLabelsCheck(options: { required: Readonly<Record<string, LabelRule>> }, overrides: CheckOverrides = {}) {
  const keys = Object.keys(options.required);
  return defineCheck(
    {
      id: "oci-labels",
      title: text("Labels OCI présents et bien formés", "OCI labels present and well-formed"),
      points: 2,
      needs: ["build"],
      concurrent: true,
      course: COURSE.build.ociLabels,
      hint: text(
        `Ajoutez dans l'étape finale : ${keys.map((key) => `\`LABEL org.opencontainers.image.${key}=…\``).join(", ")} (version au format SemVer, source en URL).`,
        `Add to the final stage: ${keys.map((key) => `\`LABEL org.opencontainers.image.${key}=…\``).join(", ")} (version in SemVer form, source as a URL).`,
      ),
      async run(ctx) {
        const labels = (await ctx.use(imageFacts)).image.config.Labels ?? {};
        const wrong = keys.filter((key) => {
          const value = labels[`org.opencontainers.image.${key}`];
          return value === undefined || !RULES[options.required[key] as LabelRule](value);
        });
        if (wrong.length === 0) return passed(text(`${keys.length} labels OCI valides.`, `${keys.length} valid OCI labels.`));
        const names = wrong.map((key) => `org.opencontainers.image.${key}`).join(", ");
        return failed(text(`Manquants ou mal formés : ${names}.`, `Missing or malformed: ${names}.`), {
          expected: keys.map((key) => `${key} (${options.required[key]})`).join(", "),
          actual: wrong.map((key) => `${key}=${labels[`org.opencontainers.image.${key}`] ?? "(absent)"}`).join(", "),
          credit: (keys.length - wrong.length) / keys.length,
          // A malformed label is on its LABEL line; a missing one belongs to the final stage.
          location: await finalStageLocation(
            ctx,
            lastOf("LABEL", (label) => wrong.some((key) => label.args.includes(`org.opencontainers.image.${key}`))),
          ),
        });
      },
    },
    overrides,
  );
}

/** The shell form wraps the command in `/bin/sh -c`: sh becomes PID 1 and SIGTERM never reaches the app. */
export function isShellForm(command: readonly string[] | null | undefined): boolean {
  return !!command && command.length >= 2 && /^(\/bin\/)?(ba)?sh$/.test(command[0] ?? "") && command[1] === "-c";
}

export function execFormCheck(overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "exec-form",
      title: text("CMD et ENTRYPOINT en forme exec", "CMD and ENTRYPOINT in exec form"),
      points: 1,
      needs: ["build"],
      concurrent: true,
      course: COURSE.containers.signalsPid1,
      hint: text(
        'Écrivez `ENTRYPOINT ["/usr/local/bin/app"]` (tableau JSON) plutôt que `CMD /usr/local/bin/app` : sinon /bin/sh est le PID 1 et `docker stop` attend 10 s puis tue l\'application.',
        'Write `ENTRYPOINT ["/usr/local/bin/app"]` (a JSON array) rather than `CMD /usr/local/bin/app`: otherwise /bin/sh is PID 1 and `docker stop` waits 10 s, then kills the app.',
      ),
      async run(ctx) {
        const { Entrypoint, Cmd } = (await ctx.use(imageFacts)).image.config;
        const shellWrapped = [Entrypoint, Cmd].filter(isShellForm).map((command) => JSON.stringify(command));
        // The line that wraps it, unless the base image's own CMD does (then the final FROM).
        const wrapping = isShellForm(Entrypoint) ? "ENTRYPOINT" : "CMD";
        if (shellWrapped.length === 0) return passed(text("Forme exec.", "Exec form."), JSON.stringify({ Entrypoint, Cmd }));
        return failed(text("Commande en forme shell (exécutée via /bin/sh -c).", "Command in shell form (run through /bin/sh -c)."), {
          expected: '["/path/to/app", "arg"]',
          actual: shellWrapped.join(" "),
          location: await finalStageLocation(ctx, lastOf(wrapping)),
        });
      },
    },
    overrides,
  );
}
