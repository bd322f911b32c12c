import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { composeLocation, serviceKey } from "../shared-setup/compose-lines.ts";
import { composeProject } from "../shared-setup/compose-project.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { dependencyState, formatDependency, healthcheckState, missingServices, type Dependency } from "./service-rules.ts";

/** Static checks on the resolved model: the services, their healthchecks, their dependencies. */

export function servicesPresentCheck(options: { services: readonly string[] }, overrides: CheckOverrides = {}) {
  const wanted = options.services;
  return defineCheck(
    {
      id: "services-present",
      title: text(`Services déclarés : ${wanted.join(", ")}`, `Services declared: ${wanted.join(", ")}`),
      points: 1,
      needs: ["compose-valid"],
      concurrent: true,
      course: COURSE.compose.composeFile,
      hint: text(
        `Déclarez chaque service sous \`services:\` avec exactement ces noms (${wanted.join(", ")}) : les autres services les joignent par ce nom (DNS interne de Compose). \`docker compose config --services\` les liste.`,
        `Declare each service under \`services:\` with exactly these names (${wanted.join(", ")}): the other services reach them by that name (Compose's internal DNS). \`docker compose config --services\` lists them.`,
      ),
      async run(ctx) {
        const { model } = await ctx.use(composeProject);
        const missing = missingServices(model, wanted);
        const actual = Object.keys(model.services).sort().join(", ") || "(none)";
        if (missing.length === 0) return passed(text(`Services : ${actual}.`, `Services: ${actual}.`));
        return failed(text(`Service(s) absent(s) : ${missing.join(", ")}.`, `Missing service(s): ${missing.join(", ")}.`), {
          expected: wanted.join(", "),
          actual,
          credit: (wanted.length - missing.length) / wanted.length,
          // The service as written (a profile may hide it), else the `services:` it belongs under.
          location: await composeLocation(ctx, serviceKey(missing[0]!)),
        });
      },
    },
    overrides,
  );
}

export function healthchecksCheck(options: { services: readonly string[] }, overrides: CheckOverrides = {}) {
  const wanted = options.services;
  return defineCheck(
    {
      id: "healthchecks",
      title: text(`Healthcheck déclaré pour ${wanted.join(", ")}`, `Healthcheck declared for ${wanted.join(", ")}`),
      points: 2,
      needs: ["compose-valid"],
      concurrent: true,
      course: COURSE.compose.serviceSettings,
      hint: text(
        'Ajoutez à chaque service un `healthcheck:` qui interroge vraiment l\'application, par exemple `test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]` avec `interval: 2s`, `timeout`, `retries` et `start_period`. Sans lui, Compose ne sait que « le conteneur tourne », pas « le service répond ».',
        'Give each service a `healthcheck:` that really queries the application, for example `test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]` with `interval: 2s`, `timeout`, `retries` and `start_period`. Without it, Compose only knows "the container runs", not "the service answers".',
      ),
      async run(ctx) {
        const { model } = await ctx.use(composeProject);
        const states = wanted.map((name) => ({ name, state: healthcheckState(model.services[name]) }));
        const wrong = states.filter(({ state }) => state !== "declared");
        const listing = states.map(({ name, state }) => `${name}: ${state}`).join(", ");
        if (wrong.length === 0) return passed(text(`Healthchecks déclarés : ${wanted.join(", ")}.`, `Healthchecks declared: ${wanted.join(", ")}.`));
        const names = (lang: "fr" | "en") => wrong.map(({ name, state }) => `${name} (${HEALTH_WORDS[state][lang]})`).join(", ");
        return failed(text(`Sans healthcheck actif : ${names("fr")}.`, `No active healthcheck: ${names("en")}.`), {
          expected: wanted.map((name) => `${name}: declared`).join(", "),
          actual: listing,
          credit: (wanted.length - wrong.length) / wanted.length,
          // A disabled probe's `healthcheck:`, else the service that lacks one.
          location: await composeLocation(ctx, serviceKey(wrong[0]!.name, "healthcheck")),
        });
      },
    },
    overrides,
  );
}

const HEALTH_WORDS = {
  declared: text("déclaré", "declared"),
  absent: text("absent", "absent"),
  disabled: text("désactivé", "disabled"),
  "no-service": text("service absent", "no such service"),
} as const;

/** `depends_on` with `condition: service_healthy` for each named pair; partial credit per pair. */
export function dependsOnHealthyCheck(options: { dependencies: readonly Dependency[] }, overrides: CheckOverrides = {}) {
  const pairs = options.dependencies;
  const listing = pairs.map(formatDependency).join(", ");
  return defineCheck(
    {
      id: "depends-on-healthy",
      title: text(`Dépendances attendant l'état healthy : ${listing}`, `Dependencies waiting for healthy: ${listing}`),
      points: 2,
      needs: ["compose-valid"],
      concurrent: true,
      course: COURSE.compose.serviceSettings,
      hint: text(
        "La forme courte `depends_on: [db]` n'attend que le démarrage du conteneur, pas que le service réponde. Écrivez la forme longue : `depends_on: { db: { condition: service_healthy } }` (le service attendu doit avoir un healthcheck).",
        "The short form `depends_on: [db]` only waits for the container to start, not for the service to answer. Write the long form: `depends_on: { db: { condition: service_healthy } }` (the awaited service needs a healthcheck).",
      ),
      async run(ctx) {
        const { model } = await ctx.use(composeProject);
        const states = pairs.map((pair) => ({ pair, result: dependencyState(model, pair) }));
        const describe = ({ pair, result }: (typeof states)[number]) => {
          const label = formatDependency(pair);
          switch (result.state) {
            case "healthy":
              return `${label}: service_healthy`;
            case "other-condition":
              return `${label}: ${result.condition}`;
            case "absent":
              return `${label}: (no depends_on)`;
            case "no-service":
              return `${label}: (no service ${result.service})`;
          }
        };
        const wrong = states.filter(({ result }) => result.state !== "healthy");
        const actual = states.map(describe).join("\n");
        if (wrong.length === 0) return passed(text(`Toutes les dépendances attendent l'état healthy.`, `Every dependency waits for healthy.`), actual);
        return failed(
          text(
            `${wrong.length} dépendance(s) n'attendent pas l'état healthy : ${wrong.map(describe).join(" ; ")}.`,
            `${wrong.length} dependenc${wrong.length > 1 ? "ies do" : "y does"} not wait for healthy: ${wrong.map(describe).join("; ")}.`,
          ),
          {
            expected: pairs.map((pair) => `${formatDependency(pair)}: service_healthy`).join("\n"),
            actual,
            credit: (pairs.length - wrong.length) / pairs.length,
            // The dependency's `condition:` (long form), else `depends_on:` (short form), else the dependent service.
            location: await composeLocation(ctx, serviceKey(wrong[0]!.pair.dependent, "depends_on", wrong[0]!.pair.dependency, "condition")),
          },
        );
      },
    },
    overrides,
  );
}
