import { relative } from "node:path";
import { text, type Text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { compareServices, productionProblems, type ProductionProblem, type ProductionRules, type ProfileExpectation } from "./profile-rules.ts";
import { configCommand, resolveProject } from "./resolve-project.ts";

/**
 * Static comparisons between resolutions of the same submission: which services each profile
 * starts, and what a bare `docker compose up` (production) gets.
 */

export function profilesCheck(options: { expectations: readonly ProfileExpectation[] }, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "profiles",
      title: text("Les profils choisissent les bons services", "Profiles select the right services"),
      points: 3,
      needs: ["compose-valid"],
      course: COURSE.compose.profilesOverrides,
      hint: text(
        "Un service sans `profiles:` démarre toujours ; un service avec `profiles: [dev]` ne démarre qu'avec `--profile dev` (ou `COMPOSE_PROFILES=dev`). Mettez sous un profil les services de développement (outils d'administration, de débogage) et laissez sans profil ceux de la production. Vérifiez avec `docker compose config --services` et `docker compose --profile dev config --services`.",
        "A service without `profiles:` always starts; a service with `profiles: [dev]` only starts with `--profile dev` (or `COMPOSE_PROFILES=dev`). Put development services (admin and debug tools) under a profile and leave production ones without. Check with `docker compose config --services` and `docker compose --profile dev config --services`.",
      ),
      async run(ctx) {
        const compose = ctx.exercise.compose;
        const lines: { ok: boolean; say: Text; actual: string }[] = [];
        for (const expectation of options.expectations) {
          const files = expectation.files ?? compose?.files ?? [];
          const command = `${configCommand({ files, profiles: expectation.profiles })} --services`;
          const resolved = await resolveProject(ctx, { files, profiles: expectation.profiles });
          if (!resolved.ok) {
            lines.push({ ok: false, say: text(`\`${command}\` échoue : ${resolved.error}`, `\`${command}\` fails: ${resolved.error}`), actual: "(invalid)" });
            continue;
          }
          const { missing, extra } = compareServices(resolved.model, expectation.services);
          const actual = Object.keys(resolved.model.services).sort().join(", ");
          const ok = missing.length + extra.length === 0;
          const gaps = [...missing.map((name) => `-${name}`), ...extra.map((name) => `+${name}`)].join(" ");
          lines.push({
            ok,
            actual: `${command}: ${actual}`,
            say: ok
              ? text(`\`${command}\` : ${actual}.`, `\`${command}\`: ${actual}.`)
              : text(`\`${command}\` donne ${actual} (écart : ${gaps}).`, `\`${command}\` gives ${actual} (difference: ${gaps}).`),
          });
        }
        const wrong = lines.filter((line) => !line.ok);
        const all = (lang: "fr" | "en") => lines.map((line) => line.say[lang]).join("\n");
        if (wrong.length === 0) return passed(text(all("fr"), all("en")));
        return failed(text(wrong.map((line) => line.say.fr).join("\n"), wrong.map((line) => line.say.en).join("\n")), {
          expected: options.expectations
            .map(
              (expectation) =>
                `${configCommand({ files: expectation.files ?? compose?.files ?? [], profiles: expectation.profiles })} --services: ${[...expectation.services].sort().join(", ")}`,
            )
            .join("\n"),
          actual: lines.map((line) => line.actual).join("\n"),
          credit: (lines.length - wrong.length) / lines.length,
        });
      },
    },
    overrides,
  );
}

/**
 * `docker compose up` with no `-f` and no `--profile`, as on the production host: Compose then
 * also loads `compose.override.yaml` and reads `COMPOSE_PROFILES`/`COMPOSE_FILE` from `.env`, so
 * development settings can leak in without anyone asking. Partial credit per rule family.
 */
export function productionDefaultCheck(options: ProductionRules, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "prod-default",
      title: text("`docker compose up` sans option donne la stack de production", "A bare `docker compose up` gives the production stack"),
      points: 3,
      needs: ["compose-valid"],
      course: COURSE.compose.devProd,
      hint: text(
        "Sans `-f`, Compose charge `compose.yaml` **et** `compose.override.yaml` s'il existe, et lit `COMPOSE_PROFILES` dans `.env`. Gardez dans `compose.yaml` la configuration de production (image construite, pas de bind mount du code, logs normaux), mettez le développement dans un fichier chargé explicitement (`-f compose.yaml -f compose.dev.yaml`) et les outils sous un profil. Vérifiez avec `docker compose config`.",
        "Without `-f`, Compose loads `compose.yaml` **and** `compose.override.yaml` if it exists, and reads `COMPOSE_PROFILES` from `.env`. Keep the production configuration in `compose.yaml` (built image, no bind mount of the code, normal logging), put development in a file loaded explicitly (`-f compose.yaml -f compose.dev.yaml`) and tools under a profile. Check with `docker compose config`.",
      ),
      async run(ctx) {
        const resolved = await resolveProject(ctx, { files: [], profiles: [] });
        if (!resolved.ok)
          return failed(text(`\`docker compose config\` (sans option) échoue.`, `A bare \`docker compose config\` fails.`), { details: resolved.error });
        const { problems, criteria, failedCriteria } = productionProblems(resolved.model, options);
        const actual = Object.keys(resolved.model.services).sort().join(", ");
        if (problems.length === 0)
          return passed(text(`Production : ${actual}, sans réglage de développement.`, `Production: ${actual}, with no development setting.`));
        const said = problems.map((problem) => describeProduction(problem, ctx.submission.root));
        return failed(text(said.map((line) => line.fr).join("\n"), said.map((line) => line.en).join("\n")), {
          expected: [
            `services: ${[...options.services].sort().join(", ")}`,
            ...(options.forbidBindMounts ? ["no bind mount"] : []),
            ...Object.entries(options.environment ?? {}).flatMap(([service, settings]) =>
              Object.entries(settings).map(([key, value]) => `${service}: ${key}=${value}`),
            ),
          ].join("\n"),
          actual: `services: ${actual}`,
          credit: (criteria - failedCriteria) / criteria,
        });
      },
    },
    overrides,
  );
}

function describeProduction(problem: ProductionProblem, root: string): Text {
  switch (problem.kind) {
    case "services": {
      const gaps = [...problem.missing.map((name) => `-${name}`), ...problem.extra.map((name) => `+${name}`)].join(" ");
      return text(
        `En production, les services diffèrent de ce qui est attendu (${gaps}).`,
        `In production, the services differ from what is expected (${gaps}).`,
      );
    }
    case "bind-mount": {
      const source = problem.source.startsWith(root) ? `./${relative(root, problem.source)}` : problem.source;
      return text(
        `En production, ${problem.service} monte un dossier de l'hôte : ${source}:${problem.target}.`,
        `In production, ${problem.service} bind-mounts a host folder: ${source}:${problem.target}.`,
      );
    }
    case "environment":
      return text(
        `En production, ${problem.service} a ${problem.key}=${problem.actual ?? "(absent)"} au lieu de ${problem.expected}.`,
        `In production, ${problem.service} has ${problem.key}=${problem.actual ?? "(unset)"} instead of ${problem.expected}.`,
      );
  }
}
