import type { KeyPath } from "../../compose/key-lines.ts";
import { text, type Text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { firstComposeLocation, serviceKey } from "../shared-setup/compose-lines.ts";
import { composeProject } from "../shared-setup/compose-project.ts";
import type { SecretFinding } from "../../secrets/secret-detector.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { environmentSecretFindings, secretProblems, type SecretExpectation, type SecretProblem } from "./secret-rules.ts";
import { readSecretValues } from "./secret-values.ts";

/** Static checks on the resolved model: secrets come from files and stay out of the environment. */

export function secretsFromFilesCheck(options: { secrets: readonly SecretExpectation[] }, overrides: CheckOverrides = {}) {
  const listing = options.secrets.map(({ name, services }) => `${name} -> ${services.join(", ")}`).join("; ");
  const first = options.secrets[0];
  const example = first ? `secrets: { ${first.name}: { file: ./secrets/${first.name}.txt } }` : "secrets: { name: { file: ./secrets/name.txt } }";
  return defineCheck(
    {
      id: "secrets-files",
      title: text(`Secrets déclarés en fichiers et donnés aux services : ${listing}`, `Secrets declared as files and granted to the services: ${listing}`),
      points: 2,
      needs: ["compose-valid"],
      concurrent: true,
      course: COURSE.compose.secretsConfigs,
      hint: text(
        `Déclarez le secret au niveau racine depuis un fichier de votre dossier (\`${example}\`), donnez-le à chaque service qui en a besoin (\`secrets: [${first?.name ?? "name"}]\`) : il y apparaît en fichier sous /run/secrets/. L'application lit ce fichier (variable \`*_FILE\`) au lieu d'une variable d'environnement.`,
        `Declare the secret at the top level from a file in your folder (\`${example}\`), and grant it to each service that needs it (\`secrets: [${first?.name ?? "name"}]\`): it shows there as a file under /run/secrets/. The application reads that file (a \`*_FILE\` variable) instead of an environment variable.`,
      ),
      async run(ctx) {
        const { model } = await ctx.use(composeProject);
        const { problems, criteria } = secretProblems(model, options.secrets, ctx.submission.root);
        if (problems.length === 0) return passed(text(`Secrets en place : ${listing}.`, `Secrets in place: ${listing}.`));
        const said = problems.map(describeProblem);
        return failed(text(said.map((line) => line.fr).join("\n"), said.map((line) => line.en).join("\n")), {
          expected: options.secrets
            .map(
              ({ name, services }) =>
                `secrets.${name}.file (inside the submission); ${services.map((service) => `services.${service}.secrets: [${name}]`).join("; ")}`,
            )
            .join("\n"),
          actual: problems.map((problem) => problem.kind).join(", "),
          credit: (criteria - problems.length) / criteria,
          location: await firstComposeLocation(ctx, problems.map(problemKey)),
        });
      },
    },
    overrides,
  );
}

/** Where a problem is fixed: the secret's declaration, or the service's `secrets:` (else the service). */
function problemKey(problem: SecretProblem): KeyPath {
  return problem.kind === "not-granted" || problem.kind === "no-service" ? serviceKey(problem.service, "secrets") : ["secrets", problem.secret, "file"];
}

function describeProblem(problem: SecretProblem): Text {
  switch (problem.kind) {
    case "undeclared":
      return text(
        `Le secret « ${problem.secret} » n'est pas déclaré sous \`secrets:\` (racine).`,
        `Secret "${problem.secret}" is not declared under top-level \`secrets:\`.`,
      );
    case "not-a-file":
      return text(
        `Le secret « ${problem.secret} » ne vient pas d'un fichier (${problem.source}).`,
        `Secret "${problem.secret}" does not come from a file (${problem.source}).`,
      );
    case "outside":
      return text(
        `Le fichier du secret « ${problem.secret} » est hors de votre dossier : ${problem.file}.`,
        `The file of secret "${problem.secret}" lies outside your folder: ${problem.file}.`,
      );
    case "not-granted":
      return text(
        `Le service ${problem.service} ne reçoit pas le secret « ${problem.secret} ».`,
        `Service ${problem.service} is not granted secret "${problem.secret}".`,
      );
    case "no-service":
      return text(`Le service ${problem.service} n'existe pas.`, `Service ${problem.service} does not exist.`);
  }
}

/** A finding's `services.<name>.environment` and its variable, as a key path (a list-form environment falls back to `environment:`). */
function environmentKey(finding: SecretFinding): KeyPath {
  const service = finding.where.slice("services.".length, -".environment".length);
  return serviceKey(service, "environment", ...(finding.key ? [finding.key] : []));
}

export function noSecretsInEnvironmentCheck(overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "no-secrets-in-env",
      title: text("Aucun secret dans l'environnement des services", "No secret in the services' environment"),
      points: 2,
      needs: ["compose-valid"],
      concurrent: true,
      course: COURSE.compose.secretsConfigs,
      hint: text(
        "Une variable d'environnement se lit avec `docker inspect`, `docker compose config`, `/proc/1/environ`, et finit dans les logs d'erreur. Passez le mot de passe en secret Compose (fichier monté sous /run/secrets/) et ne donnez au service que son chemin (`DB_PASSWORD_FILE=/run/secrets/db_password`). Le fichier `.env` ne protège rien : Compose recopie ses valeurs dans l'environnement.",
        "An environment variable can be read with `docker inspect`, `docker compose config`, `/proc/1/environ`, and ends up in error logs. Pass the password as a Compose secret (a file mounted under /run/secrets/) and give the service only its path (`DB_PASSWORD_FILE=/run/secrets/db_password`). The `.env` file protects nothing: Compose copies its values into the environment.",
      ),
      async run(ctx) {
        const { model } = await ctx.use(composeProject);
        const findings = environmentSecretFindings(model, await readSecretValues(model, ctx.submission.root));
        const services = Object.keys(model.services).length;
        if (findings.length === 0) return passed(text(`Environnement de ${services} service(s) examiné.`, `Environment of ${services} service(s) examined.`));
        const listing = findings.map((finding) => `${finding.where}: ${finding.excerpt} (${finding.reason})`).join("\n");
        return failed(text(`Secret visible dans l'environnement :\n${listing}`, `Secret visible in the environment:\n${listing}`), {
          expected: "(none)",
          actual: findings.map((finding) => finding.excerpt).join(", "),
          location: await firstComposeLocation(ctx, findings.map(environmentKey)),
        });
      },
    },
    overrides,
  );
}
