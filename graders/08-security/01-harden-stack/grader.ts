import { noSecretsInEnvironmentCheck, secretsFromFilesCheck } from "../../../harness/checks/compose/secret-checks.ts";
import { secretMountedCheck } from "../../../harness/checks/compose/secret-mounted-check.ts";
import { serviceAnswersCheck } from "../../../harness/checks/compose/service-answers-check.ts";
import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { loopbackOnlyCheck } from "../../../harness/checks/network/published-ports-checks.ts";
import { capabilitiesCheck, noNewPrivilegesCheck } from "../../../harness/checks/runtime/privilege-checks.ts";
import { readOnlyRootCheck } from "../../../harness/checks/runtime/read-only-check.ts";
import { composeService } from "../../../harness/checks/runtime/target.ts";
import { nonRootWriteCheck } from "../../../harness/checks/storage/nonroot-write-check.ts";
import { text } from "../../../harness/kernel/text.ts";

const SERVICE = "payments";
const payments = composeService(SERVICE);
const SECRETS = [{ name: "api_key", services: [SERVICE] }];

/**
 * Chapter 08: the same payments service, hardened layer by layer, each layer judged on the running
 * container: a non-root process, no capability (effective or bounding), no_new_privs, a read-only
 * root with /tmp alone writable, the API key as a mounted file and nowhere in the environment, the
 * port on the host's loopback only. The service must still answer with its key: hardening that
 * breaks the app earns nothing there.
 */
export default defineGrader(() => [
  composeValidCheck(),
  secretsFromFilesCheck({ secrets: SECRETS }),
  noSecretsInEnvironmentCheck(),
  stackUpCheck(),
  serviceAnswersCheck({
    id: "service-works",
    title: text("Le service répond, avec sa clé d'API", "The service answers, with its API key"),
    service: SERVICE,
    port: 8080,
    path: "/cgi-bin/status",
    expect: "payments: ready",
    hint: text(
      "Le durcissement ne doit rien casser. Essayez `docker compose exec payments wget -q -O - http://127.0.0.1:8080/cgi-bin/status` : « no API key » veut dire que le CGI ne lit pas la clé (API_KEY_FILE et le secret monté), une erreur 403 ou 500 que le CGI n'est pas exécutable par l'utilisateur de l'image.",
      'Hardening must not break anything. Try `docker compose exec payments wget -q -O - http://127.0.0.1:8080/cgi-bin/status`: "no API key" means the CGI does not read the key (API_KEY_FILE and the mounted secret), a 403 or 500 error that the CGI is not executable by the image\'s user.',
    ),
  }),
  nonRootWriteCheck(
    { service: SERVICE, dataDir: "/tmp" },
    {
      hint: text(
        "Déclarez un utilisateur sans droits dans le Dockerfile (`USER 10001:10001`) : un processus root dans le conteneur reste root sur les fichiers qu'il touche et face au noyau. Vérifiez avec `docker compose exec payments id`.",
        "Declare an unprivileged user in the Dockerfile (`USER 10001:10001`): a root process in the container is still root for the files it touches and to the kernel. Check with `docker compose exec payments id`.",
      ),
    },
  ),
  capabilitiesCheck({ target: payments, allowed: [] }),
  noNewPrivilegesCheck({ target: payments }),
  readOnlyRootCheck({ target: payments, writable: ["/tmp"] }),
  secretMountedCheck({ secrets: SECRETS }),
  loopbackOnlyCheck({ service: SERVICE, port: 8080, http: true }),
]);
