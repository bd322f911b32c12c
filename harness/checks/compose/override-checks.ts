import { text, type Text } from "../../kernel/text.ts";
import type { ComposeModel } from "../../engine/compose-model.ts";
import { failed, passed, type Verdict } from "../../kernel/check.ts";
import type { CheckContext } from "../context.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { changesOutside, overrideSettingStates, serviceChanges, type OverrideSetting } from "./override-diff.ts";
import { configCommand, resolveProject } from "./resolve-project.ts";

/**
 * Static comparisons of the project resolved from its base file alone and with the override
 * (the exercise's files), under the exercise's profiles: the override carries the development
 * settings, and changes nothing else.
 */

export interface OverrideOptions {
  /** The base files, e.g. `["compose.yaml"]`; the override is the rest of the exercise's files. */
  readonly baseFiles: readonly string[];
}

type Pair = { readonly base: ComposeModel; readonly merged: ComposeModel };

async function resolvePair(ctx: CheckContext, baseFiles: readonly string[]): Promise<Pair | Verdict> {
  const profiles = ctx.exercise.compose?.profiles ?? [];
  const [base, merged] = await Promise.all([resolveProject(ctx, { files: baseFiles }), resolveProject(ctx, {})]);
  if (!base.ok) return invalid(baseFiles, profiles, base.error);
  if (!merged.ok) return invalid(ctx.exercise.compose?.files ?? [], profiles, merged.error);
  return { base: base.model, merged: merged.model };
}

function invalid(files: readonly string[], profiles: readonly string[], error: string): Verdict {
  const command = configCommand({ files, profiles });
  return failed(text(`\`${command}\` échoue.`, `\`${command}\` fails.`), { details: error });
}

function isVerdict(value: Pair | Verdict): value is Verdict {
  return "outcome" in value;
}

export function overrideSettingsCheck(options: OverrideOptions & { readonly settings: readonly OverrideSetting[] }, overrides: CheckOverrides = {}) {
  const listing = (lang: "fr" | "en") =>
    options.settings
      .flatMap(({ service, environment, binds }) => [
        ...Object.entries(environment ?? {}).map(([key, value]) => `${service}: ${key}=${value}`),
        ...(binds ?? []).map((bind) => `${service}: ${lang === "fr" ? "montage bind" : "bind mount"} ./${bind.source}:${bind.target}`),
      ])
      .join(", ");
  return defineCheck(
    {
      id: "override-dev-settings",
      title: text(`Le fichier de développement apporte : ${listing("fr")}`, `The development file brings: ${listing("en")}`),
      points: 2,
      needs: ["compose-valid"],
      course: COURSE.compose.devProd,
      hint: text(
        `Laissez \`${options.baseFiles.join("`, `")}\` tel qu'il doit tourner en production, et mettez les réglages de développement (${listing("fr")}) dans le fichier chargé en plus avec \`-f\`. Comparez \`docker compose -f ${options.baseFiles.join(" -f ")} config\` et la même commande avec votre fichier de développement.`,
        `Leave \`${options.baseFiles.join("`, `")}\` as it must run in production, and put the development settings (${listing("en")}) in the file loaded on top with \`-f\`. Compare \`docker compose -f ${options.baseFiles.join(" -f ")} config\` with the same command plus your development file.`,
      ),
      async run(ctx) {
        const pair = await resolvePair(ctx, options.baseFiles);
        if (isVerdict(pair)) return pair;
        const results = overrideSettingStates(pair.base, pair.merged, options.settings, ctx.submission.root);
        const wrong = results.filter((result) => result.state !== "override-only");
        const actual = results.map((result) => `${result.label}: ${result.state}`).join("\n");
        if (wrong.length === 0)
          return passed(
            text(
              `${results.length} réglage(s) de développement, tous dans le fichier de développement.`,
              `${results.length} development setting(s), all in the development file.`,
            ),
            actual,
          );
        const said = wrong.map(
          (result): Text =>
            result.state === "missing"
              ? text(`Absent même avec le fichier de développement : ${result.label}.`, `Missing even with the development file: ${result.label}.`)
              : text(`Déjà dans la base (donc aussi en production) : ${result.label}.`, `Already in the base file (so in production too): ${result.label}.`),
        );
        return failed(text(said.map((line) => line.fr).join("\n"), said.map((line) => line.en).join("\n")), {
          expected: results.map((result) => `${result.label}: override-only`).join("\n"),
          actual,
          credit: (results.length - wrong.length) / results.length,
        });
      },
    },
    overrides,
  );
}

/** The override only touches what it may: `allowed` maps a service to the fields it may change. */
export function overrideScopeCheck(
  options: OverrideOptions & { readonly allowed: Readonly<Record<string, readonly string[]>> },
  overrides: CheckOverrides = {},
) {
  const allowedListing = Object.entries(options.allowed)
    .map(([service, fields]) => `${service}.{${fields.join(",")}}`)
    .join(", ");
  return defineCheck(
    {
      id: "override-scope",
      title: text(`Le fichier de développement ne change que ${allowedListing}`, `The development file only changes ${allowedListing}`),
      points: 2,
      needs: ["override-dev-settings"],
      course: COURSE.compose.profilesOverrides,
      hint: text(
        `Un fichier d'override ne doit contenir que ce qui diffère en développement. Ici, seuls ${allowedListing} peuvent changer : retirez le reste (les autres services et réglages viennent déjà de la base, Compose fusionne les fichiers).`,
        `An override file must only hold what differs in development. Here only ${allowedListing} may change: remove the rest (the other services and settings already come from the base file; Compose merges the files).`,
      ),
      async run(ctx) {
        const pair = await resolvePair(ctx, options.baseFiles);
        if (isVerdict(pair)) return pair;
        const changes = serviceChanges(pair.base, pair.merged);
        const outside = changesOutside(changes, options.allowed);
        const listing = (list: typeof changes) => list.map((change) => `${change.service}.${change.field}`).join(", ") || "(none)";
        if (outside.length === 0) return passed(text(`Changements : ${listing(changes)}.`, `Changes: ${listing(changes)}.`));
        return failed(text(`Le fichier de développement change aussi : ${listing(outside)}.`, `The development file also changes: ${listing(outside)}.`), {
          expected: allowedListing,
          actual: listing(changes),
        });
      },
    },
    overrides,
  );
}
