import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { envFileCheck } from "../../../harness/checks/compose/env-file-check.ts";
import { noSecretsInEnvironmentCheck, secretsFromFilesCheck } from "../../../harness/checks/compose/secret-checks.ts";
import { secretMountedCheck } from "../../../harness/checks/compose/secret-mounted-check.ts";
import { dependsOnHealthyCheck, healthchecksCheck, servicesPresentCheck } from "../../../harness/checks/compose/service-checks.ts";
import { serviceAnswersCheck } from "../../../harness/checks/compose/service-answers-check.ts";
import { startOrderCheck } from "../../../harness/checks/compose/start-order-check.ts";
import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { text } from "../../../harness/kernel/text.ts";

const DEPENDENCIES = [
  { dependent: "api", dependency: "db" },
  { dependent: "web", dependency: "api" },
];
const SECRETS = [{ name: "db_password", services: ["db", "api"] }];

/**
 * Chapter 06: a three-service stack whose api refuses to start before its database answers. The
 * static checks read the resolved model; the runtime ones watch the stack the grader started:
 * start order from the engine's timestamps, the secret as a file in the containers, and a request
 * that crosses web -> api -> db. `start-order` comes right after `stack-up`, while the first
 * health probes are still in the engine's log.
 */
export default defineGrader(() => [
  composeValidCheck(),
  servicesPresentCheck({ services: ["web", "api", "db"] }),
  healthchecksCheck({ services: ["db", "api", "web"] }),
  dependsOnHealthyCheck({ dependencies: DEPENDENCIES }),
  secretsFromFilesCheck({ secrets: SECRETS }),
  noSecretsInEnvironmentCheck(),
  envFileCheck({ service: "api", file: "api.env", keys: ["DB_HOST", "DB_PORT", "DB_USER", "LOG_LEVEL"] }),
  stackUpCheck(),
  startOrderCheck({ dependencies: DEPENDENCIES }),
  secretMountedCheck({ secrets: SECRETS }),
  serviceAnswersCheck({
    id: "end-to-end",
    title: text("Une requête traverse web -> api -> db", "A request crosses web -> api -> db"),
    service: "web",
    port: 8080,
    path: "/cgi-bin/stats",
    expect: "42 articles",
    hint: text(
      "La page /cgi-bin/stats du web appelle l'API, qui lit la base avec le mot de passe. Essayez `docker compose exec web wget -q -O - http://127.0.0.1:8080/cgi-bin/stats` et lisez `docker compose logs api db` : API arrêtée (base pas prête à son démarrage), mot de passe refusé (le secret n'arrive pas au bon endroit), ou réglage manquant dans api.env.",
      "The web's /cgi-bin/stats page calls the API, which reads the database with the password. Try `docker compose exec web wget -q -O - http://127.0.0.1:8080/cgi-bin/stats` and read `docker compose logs api db`: the API stopped (database not ready when it started), the password was refused (the secret does not reach the right place), or a setting is missing from api.env.",
    ),
  }),
]);
