import type { RunningContainer } from "../../engine/clients/container-client.ts";
import { ContainerExitedError } from "../../engine/clients/container-exited-error.ts";
import { text, type Text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { composeLocation, serviceKey } from "../shared-setup/compose-lines.ts";
import { composeStack } from "../shared-setup/compose-stack.ts";
import { mask } from "../../secrets/secret-detector.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { runningService } from "./running-service.ts";
import { secretTarget, type SecretExpectation } from "./secret-rules.ts";
import { readSecretValues } from "./secret-values.ts";

/**
 * Behavioural: in each running service, the secret is a file with the submission's secret content,
 * and that value is nowhere in the container's environment (`Config.Env`, image ENV included).
 * Each service earns half for the file and half for a clean environment.
 */
export function secretMountedCheck(options: { secrets: readonly SecretExpectation[] }, overrides: CheckOverrides = {}) {
  const pairs = options.secrets.flatMap(({ name, services }) => services.map((service) => ({ name, service })));
  return defineCheck(
    {
      id: "secret-mounted",
      title: text(
        `Secret monté en fichier, absent de l'environnement : ${pairs.map(({ name, service }) => `${service}:/run/secrets/${name}`).join(", ")}`,
        `Secret mounted as a file, absent from the environment: ${pairs.map(({ name, service }) => `${service}:/run/secrets/${name}`).join(", ")}`,
      ),
      points: 2,
      needs: ["stack-up"],
      concurrent: true,
      course: COURSE.compose.secretsConfigs,
      hint: text(
        "Vérifiez à la main : `docker compose exec <service> cat /run/secrets/<nom>` doit afficher le contenu du fichier de secret, et `docker inspect --format '{{json .Config.Env}}' <conteneur>` ne doit pas contenir sa valeur. Le service reçoit seulement le chemin (`DB_PASSWORD_FILE=/run/secrets/db_password`).",
        "Check by hand: `docker compose exec <service> cat /run/secrets/<name>` must print the secret file's content, and `docker inspect --format '{{json .Config.Env}}' <container>` must not hold its value. The service only gets the path (`DB_PASSWORD_FILE=/run/secrets/db_password`).",
      ),
      timeoutMs: 30_000,
      async run(ctx) {
        const session = await ctx.use(composeStack);
        const { model } = session.project;
        const values = await readSecretValues(model, ctx.submission.root);
        const findings: { score: number; say: Text; service: string }[] = [];
        for (const { name, service } of pairs) {
          const value = values.get(name);
          const target = secretTarget(model, service, name);
          const lookup = await runningService(session, service);
          if (value === undefined) {
            findings.push({
              service,
              score: 0,
              say: text(
                `${service} : le secret « ${name} » n'est pas déclaré depuis un fichier de votre dossier.`,
                `${service}: secret "${name}" is not declared from a file in your folder.`,
              ),
            });
          } else if (!target) {
            findings.push({
              service,
              score: 0,
              say: text(
                `${service} ne reçoit pas le secret « ${name} » (\`secrets:\` du service).`,
                `${service} is not granted secret "${name}" (the service's \`secrets:\`).`,
              ),
            });
          } else if (!lookup.running) {
            findings.push({ service, score: 0, say: lookup.why });
          } else {
            findings.push({ service, ...(await inspectSecret(lookup.container, service, target, value)) });
          }
        }
        const earned = findings.reduce((sum, finding) => sum + finding.score, 0);
        const lines = (lang: "fr" | "en") => findings.map((finding) => finding.say[lang]).join("\n");
        if (earned === findings.length) return passed(text(lines("fr"), lines("en")));
        const wrong = findings.filter((finding) => finding.score < 1);
        return failed(text(wrong.map((finding) => finding.say.fr).join("\n"), wrong.map((finding) => finding.say.en).join("\n")), {
          expected: pairs
            .map(({ name, service }) => `${service}: file ${secretTarget(model, service, name) ?? `/run/secrets/${name}`} = secret; value not in Config.Env`)
            .join("\n"),
          actual: lines("en"),
          credit: earned / findings.length,
          location: await composeLocation(ctx, serviceKey(wrong[0]!.service, "secrets")),
        });
      },
    },
    overrides,
  );
}

/** Half a point for the file, half for a clean environment. */
async function inspectSecret(container: RunningContainer, service: string, target: string, value: string): Promise<{ score: number; say: Text }> {
  const file = await readSecretFile(container, target, value);
  const info = await container.inspect();
  const leaks = (info.Config.Env ?? [])
    .filter((entry) => entry.slice(entry.indexOf("=") + 1).includes(value))
    .map((entry) => entry.slice(0, entry.indexOf("=")));
  const fileSay = describeFile(file, service, target);
  const envSay =
    leaks.length === 0
      ? text("valeur absente de l'environnement.", "value absent from the environment.")
      : text(`valeur aussi dans l'environnement (${leaks.join(", ")}=${mask(value)}).`, `value also in the environment (${leaks.join(", ")}=${mask(value)}).`);
  const score = (file === "same" || file === "mounted" ? 0.5 : 0) + (leaks.length === 0 ? 0.5 : 0);
  return { score, say: text(`${fileSay.fr} ; ${envSay.fr}`, `${fileSay.en}; ${envSay.en}`) };
}

type FileState = "same" | "different" | "missing" | "unreadable" | "mounted";

function describeFile(file: FileState, service: string, target: string): Text {
  switch (file) {
    case "same":
      return text(`${service} : ${target} contient le secret`, `${service}: ${target} holds the secret`);
    case "mounted":
      return text(
        `${service} : ${target} est monté (pas de \`cat\` dans l'image pour le relire)`,
        `${service}: ${target} is mounted (no \`cat\` in the image to read it back)`,
      );
    case "different":
      return text(
        `${service} : ${target} existe mais son contenu diffère du fichier de secret`,
        `${service}: ${target} exists but differs from the secret file`,
      );
    case "unreadable":
      return text(
        `${service} : ${target} existe mais l'utilisateur du service ne peut pas le lire (Compose monte le fichier avec ses droits de l'hôte : rendez-le lisible, par exemple \`chmod 644\`)`,
        `${service}: ${target} exists but the service's user cannot read it (Compose mounts the file with its host permissions: make it readable, for example \`chmod 644\`)`,
      );
    case "missing":
      return text(`${service} : ${target} est introuvable dans le conteneur`, `${service}: ${target} is missing from the container`);
  }
}

/**
 * Read back through the container itself, as the app would. Images without `cat` (distroless,
 * scratch) are judged on the engine's mount table instead: the file is there, its content unseen.
 */
async function readSecretFile(container: RunningContainer, target: string, value: string): Promise<FileState> {
  const read = await container.exec(["cat", target]).catch((error: unknown) => {
    // The container exiting under the read is the student's result: the check runner explains it.
    if (error instanceof ContainerExitedError) throw error;
    return { exitCode: 127, output: "exec failed" };
  });
  if (read.exitCode === 0) return read.output.trimEnd() === value ? "same" : "different";
  if (/permission denied/i.test(read.output)) return "unreadable";
  if (read.exitCode === 126 || read.exitCode === 127 || /executable file not found/.test(read.output)) {
    const { Mounts } = await container.inspect();
    return Mounts.some((mount) => mount.Destination === target) ? "mounted" : "missing";
  }
  return "missing";
}
