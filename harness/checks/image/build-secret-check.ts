import { createHash } from "node:crypto";
import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import type { Fixture } from "../context.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { builtImage } from "../shared-setup/built-image.ts";
import { buildSecrets, type ProvidedSecret } from "../shared-setup/build-secrets.ts";
import { dockerfileLines, finalStageLocation } from "../shared-setup/dockerfile-lines.ts";
import { hitSource, secretSource } from "./build-secret-lines.ts";
import { scanImageArchive, type NeedleHit } from "./build-secret-scan.ts";

/** What a build that read the secret leaves behind without leaking it: the SHA-256 of the value, in hex. */
export function fingerprintOf(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

interface SecretScan {
  readonly secret: ProvidedSecret;
  readonly leaks: readonly NeedleHit[];
  readonly fingerprints: readonly NeedleHit[];
  readonly paths: ReadonlySet<string>;
}

const scans = new Map<string, Fixture<SecretScan>>();

/** The built image's archive searched for the secret's value and its fingerprint, once per run and secret. */
function secretScan(id: string): Fixture<SecretScan> {
  let fixture = scans.get(id);
  if (!fixture) {
    fixture = {
      name: `build secret scan ${id}`,
      async setUp(ctx) {
        const { secrets } = await ctx.use(buildSecrets);
        const secret = secrets.find((candidate) => candidate.id === id);
        if (!secret) throw new Error(`build secret ${id} is not declared in exercise ${ctx.exercise.id} (build.secrets)`);
        const { id: imageId } = await ctx.use(builtImage);
        const { hits, paths } = await scanImageArchive(await ctx.engine.images.save(imageId), [secret.value, fingerprintOf(secret.value)]);
        return { secret, leaks: hits[0] ?? [], fingerprints: hits[1] ?? [], paths };
      },
    };
    scans.set(id, fixture);
  }
  return fixture;
}

/**
 * The build read the secret the grader provided for this run: the file `path` of the image holds
 * the SHA-256 (hex) of its value, as the exercise's fetch step writes it. Only a build that read
 * this run's value can write it, and the value itself cannot be recovered from it.
 */
export function buildSecretUsedCheck(options: { secret: string; path: string }, overrides: CheckOverrides = {}) {
  const path = options.path.replace(/^\//, "");
  return defineCheck(
    {
      id: "build-secret-used",
      title: text(`La construction utilise le secret ${options.secret}`, `The build uses the ${options.secret} secret`),
      points: 2,
      needs: ["build"],
      course: COURSE.security.secretsManagement,
      hint: text(
        `Montez le secret dans l'étape qui en a besoin : \`RUN --mount=type=secret,id=${options.secret} …\` le rend lisible dans /run/secrets/${options.secret} le temps de cette seule commande.`,
        `Mount the secret in the step that needs it: \`RUN --mount=type=secret,id=${options.secret} …\` makes it readable at /run/secrets/${options.secret} for that one command only.`,
      ),
      timeoutMs: 60_000,
      async run(ctx) {
        const { secret, fingerprints, paths } = await ctx.use(secretScan(options.secret));
        if (fingerprints.some((hit) => hit.in === "layer" && hit.path === path)) {
          return passed(
            text(`/${path} porte l'empreinte du secret fourni pour cette exécution.`, `/${path} holds the fingerprint of the secret provided for this run.`),
          );
        }
        const location = await finalStageLocation(ctx, (stage) => secretSource(stage, secret));
        const expected = `sha256(${secret.id}) in /${path}`;
        if (!paths.has(path)) {
          return failed(
            text(
              `/${path} n'existe dans aucune couche : l'étape qui lit le secret n'a pas tourné.`,
              `/${path} is in no layer: the step that reads the secret did not run.`,
            ),
            { expected, actual: "(missing)", ...(location ? { location } : {}) },
          );
        }
        return failed(
          text(
            `/${path} existe mais ne porte pas l'empreinte du secret fourni : la construction a lu une autre valeur (codée en dur, ou vide).`,
            `/${path} exists but does not hold the fingerprint of the secret provided: the build read another value (hard-coded, or empty).`,
          ),
          { expected, actual: "another value", ...(location ? { location } : {}) },
        );
      },
    },
    overrides,
  );
}

/**
 * The exact random value the grader gave the build is nowhere in the image: not in any layer (even
 * one a later layer deletes), not in the history (build arguments are recorded there), not in the
 * config (ENV, labels). Each place is reported as a finding.
 */
export function buildSecretNotLeakedCheck(options: { secret: string; needs?: readonly string[] }, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "build-secret-not-leaked",
      title: text(`Le secret ${options.secret} ne reste pas dans l'image`, `The ${options.secret} secret does not stay in the image`),
      points: 3,
      needs: options.needs ?? ["build"],
      course: COURSE.security.secretsManagement,
      hint: text(
        `Ni ARG, ni ENV, ni COPY pour un secret : \`docker history\`, \`docker inspect\` et chaque couche (même effacée plus tard par \`rm\`) le rendent à qui a l'image. Utilisez \`RUN --mount=type=secret,id=${options.secret}\` : le fichier n'existe que pendant la commande.`,
        `No ARG, ENV or COPY for a secret: \`docker history\`, \`docker inspect\` and every layer (even one a later \`rm\` deletes) give it to whoever has the image. Use \`RUN --mount=type=secret,id=${options.secret}\`: the file only exists during the command.`,
      ),
      timeoutMs: 60_000,
      async run(ctx) {
        const { secret, leaks } = await ctx.use(secretScan(options.secret));
        if (leaks.length === 0)
          return passed(
            text("Valeur absente des couches, de l'historique et de la configuration.", "Value absent from the layers, the history and the config."),
          );
        const places = leaks.map((hit) => describe(hit, secret));
        const location = await finalStageLocation(ctx, (stage) => secretSource(stage, secret));
        const lines = await ctx.use(dockerfileLines);
        if (lines) {
          const { file, stage } = lines;
          ctx.findings.add(
            ...leaks.map((hit, index) => ({
              kind: "secret" as const,
              rule: "secret/build-secret",
              severity: "error" as const,
              message: text(
                `Le secret de construction ${secret.id} est dans l'image : ${places[index]}`,
                `The ${secret.id} build secret is in the image: ${places[index]}`,
              ),
              file,
              ...lineOf(stage && (hitSource(stage, hit, secret) ?? stage.from)),
              ...(hit.in === "layer" ? { path: hit.path } : {}),
              course: COURSE.security.secretsManagement,
              check: "build-secret-not-leaked",
            })),
          );
        }
        const listing = places.join("\n");
        return failed(
          text(
            `La valeur du secret ${secret.id} est lisible dans l'image :\n${listing}`,
            `The value of the ${secret.id} secret can be read from the image:\n${listing}`,
          ),
          {
            expected: "(nowhere)",
            actual: places.join("; "),
            ...(location ? { location } : {}),
          },
        );
      },
    },
    overrides,
  );
}

function lineOf(instruction: { line: number } | undefined): { line?: number } {
  return instruction ? { line: instruction.line } : {};
}

/** One place, the value replaced by `<id>` and long text cut. */
function describe(hit: NeedleHit, secret: ProvidedSecret): string {
  const hide = (words: string) => shorten(words.split(secret.value).join(`<${secret.id}>`));
  if (hit.in === "layer") return `layer ${hit.layer + 1} (${hide(hit.createdBy)}): /${hit.path}`;
  if (hit.in === "config") return `${hit.key}: ${hide(hit.text)}`;
  return `archive entry ${hit.entry}`;
}

function shorten(words: string): string {
  return words.length > 160 ? `${words.slice(0, 157)}…` : words;
}
