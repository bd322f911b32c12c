import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { KeyPath } from "../../compose/key-lines.ts";
import { text, type Text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import type { CheckContext } from "../context.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { composeLocation, serviceKey } from "../shared-setup/compose-lines.ts";
import { composeProject } from "../shared-setup/compose-project.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { judgeEnvFile, parseEnvFile, probeValue, withProbeValues, type EnvFileStatus } from "./env-file.ts";
import { resolveProject } from "./resolve-project.ts";

export interface EnvFileOptions {
  readonly service: string;
  /** The env file, relative to the submission. */
  readonly file: string;
  /** The settings that must come from it. */
  readonly keys: readonly string[];
}

/** Folders a probe copy of the submission leaves out: never part of a Compose project's files. */
const SKIPPED = new Set([".git", "node_modules"]);

/**
 * The service's non-secret settings come from its env file: each key is in the file, and changing
 * the file's value changes the service's resolved environment (no `environment:` entry shadows it).
 * Partial credit per key.
 */
export function envFileCheck(options: EnvFileOptions, overrides: CheckOverrides = {}) {
  const { service, file, keys } = options;
  return defineCheck(
    {
      id: "env-file",
      title: text(`Réglages du service ${service} lus depuis ${file} (env_file)`, `${service}'s settings read from ${file} (env_file)`),
      points: 2,
      needs: ["compose-valid"],
      course: COURSE.compose.serviceSettings,
      hint: text(
        `Mettez les réglages non secrets (${keys.join(", ")}) dans \`${file}\`, une ligne \`CLÉ=valeur\` chacun, et chargez-le avec \`env_file: [${file}]\` dans le service ${service}. Ne les répétez pas sous \`environment:\`, qui l'emporterait sur le fichier. \`docker compose config\` montre l'environnement obtenu.`,
        `Put the non-secret settings (${keys.join(", ")}) in \`${file}\`, one \`KEY=value\` line each, and load it with \`env_file: [${file}]\` in service ${service}. Do not repeat them under \`environment:\`, which would win over the file. \`docker compose config\` shows the resulting environment.`,
      ),
      async run(ctx) {
        const { model } = await ctx.use(composeProject);
        if (!model.services[service]) return failed(text(`Le service ${service} n'existe pas.`, `Service ${service} does not exist.`));
        const source = await readFile(join(ctx.submission.root, file), "utf8").catch(() => undefined);
        if (source === undefined) {
          return failed(text(`Le fichier ${file} est absent de votre dossier.`, `File ${file} is missing from your folder.`), {
            expected: file,
            actual: "(missing)",
          });
        }
        const inFile = parseEnvFile(source);
        const probes = new Map([...inFile.keys()].map((key) => [key, probeValue(ctx.runId, key)]));
        const probed = await environmentWithProbes(ctx, file, withProbeValues(source, probes), service);
        const results = judgeEnvFile(keys, inFile, probes, probed);
        const wrong = results.filter((result) => result.status !== "from-file");
        const actual = results.map((result) => `${result.key}: ${result.status}`).join("\n");
        if (wrong.length === 0) return passed(text(`${keys.length} réglage(s) lus depuis ${file}.`, `${keys.length} setting(s) read from ${file}.`), actual);
        const said = wrong.map((result) => describe(result.key, result.status, file, service));
        return failed(text(said.map((line) => line.fr).join("\n"), said.map((line) => line.en).join("\n")), {
          expected: keys.map((key) => `${key}: from-file`).join("\n"),
          actual,
          credit: (keys.length - wrong.length) / keys.length,
          location: await composeLocation(ctx, settingKey(service, wrong[0]!)),
        });
      },
    },
    overrides,
  );
}

/** Where the first wrong key is decided: the service's `env_file:` (or the service) when it does not read the file, else its `environment:` entry. */
function settingKey(service: string, result: { key: string; status: EnvFileStatus }): KeyPath {
  return result.status === "file-not-used" ? serviceKey(service, "env_file") : serviceKey(service, "environment", result.key);
}

/** Resolves a throw-away copy of the submission whose env file holds the probe values. */
async function environmentWithProbes(ctx: CheckContext, file: string, probedSource: string, service: string): Promise<Readonly<Record<string, string | null>>> {
  const copy = await mkdtemp(join(tmpdir(), "dockgrade-env-probe-"));
  try {
    await cp(ctx.submission.root, copy, { recursive: true, filter: (path) => !SKIPPED.has(basename(path)) });
    await writeFile(join(copy, file), probedSource);
    const resolved = await resolveProject(ctx, { dir: copy });
    if (!resolved.ok) throw new Error(`the probe copy of the project does not resolve: ${resolved.error}`);
    return resolved.model.services[service]?.environment ?? {};
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

function describe(key: string, status: EnvFileStatus, file: string, service: string): Text {
  switch (status) {
    case "not-in-file":
      return text(`${key} n'est pas dans ${file}.`, `${key} is not in ${file}.`);
    case "overridden":
      return text(
        `${key} est dans ${file}, mais \`environment:\` de ${service} le redéfinit et l'emporte.`,
        `${key} is in ${file}, but ${service}'s \`environment:\` sets it again and wins.`,
      );
    case "file-not-used":
      return text(
        `${service} ne charge pas ${file} (\`env_file:\`), donc ${key} n'en vient pas.`,
        `${service} does not load ${file} (\`env_file:\`), so ${key} does not come from it.`,
      );
    case "from-file":
      return text(`${key} vient de ${file}.`, `${key} comes from ${file}.`);
  }
}
