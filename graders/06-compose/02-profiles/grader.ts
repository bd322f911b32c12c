import { overrideScopeCheck, overrideSettingsCheck } from "../../../harness/checks/compose/override-checks.ts";
import { productionDefaultCheck, profilesCheck } from "../../../harness/checks/compose/profile-checks.ts";
import { serviceAnswersCheck } from "../../../harness/checks/compose/service-answers-check.ts";
import { servicesPresentCheck } from "../../../harness/checks/compose/service-checks.ts";
import { serviceLogCheck } from "../../../harness/checks/compose/service-log-check.ts";
import { composeValidCheck, stackUpCheck } from "../../../harness/checks/compose/stack-checks.ts";
import { defineGrader } from "../../../harness/checks/grader-suite.ts";
import { text } from "../../../harness/kernel/text.ts";

const BASE = ["compose.yaml"];

/**
 * Chapter 06: one project, two uses. Production is a bare `docker compose up` (compose.yaml, no
 * profile); development adds compose.dev.yaml and the `dev` profile. Most points are static
 * comparisons of resolutions (`docker compose config` under other files and profiles); the
 * grader then starts the development stack and checks that its settings and tools are live.
 */
export default defineGrader(() => [
  composeValidCheck(),
  servicesPresentCheck({ services: ["app", "db", "admin"] }),
  profilesCheck({
    expectations: [
      { files: BASE, profiles: [], services: ["app", "db"] },
      { files: BASE, profiles: ["dev"], services: ["app", "db", "admin"] },
    ],
  }),
  productionDefaultCheck({ services: ["app", "db"], forbidBindMounts: true, environment: { app: { LOG_LEVEL: "info" } } }),
  overrideSettingsCheck({
    baseFiles: BASE,
    settings: [{ service: "app", environment: { LOG_LEVEL: "debug" }, binds: [{ source: "app/site", target: "/srv/www" }] }],
  }),
  overrideScopeCheck({ baseFiles: BASE, allowed: { app: ["environment", "volumes", "ports"] } }),
  stackUpCheck({ points: 1 }),
  serviceLogCheck({
    id: "app-debug",
    title: text("En développement, l'app tourne avec LOG_LEVEL=debug", "In development, the app runs with LOG_LEVEL=debug"),
    hint: text(
      "Le correcteur lit le journal de l'app (`docker compose logs app`) : elle y écrit le niveau de log qu'elle reçoit. Avec `-f compose.yaml -f compose.dev.yaml`, `LOG_LEVEL` doit valoir `debug`.",
      "The grader reads the app's log (`docker compose logs app`): it prints the log level it receives. With `-f compose.yaml -f compose.dev.yaml`, `LOG_LEVEL` must be `debug`.",
    ),
    service: "app",
    expect: "LOG_LEVEL=debug",
  }),
  serviceAnswersCheck(
    {
      id: "admin-answers",
      title: text("En développement, la console admin répond et lit la base", "In development, the admin console answers and reads the database"),
      service: "admin",
      port: 8081,
      path: "/cgi-bin/status",
      expect: "12 commandes",
    },
    { points: 1 },
  ),
]);
