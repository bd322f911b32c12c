import { randomBytes } from "node:crypto";
import type { ComposeStack } from "../../engine/clients/compose-client.ts";
import { ComposeUpError } from "../../engine/clients/compose-client.ts";
import { text, type Text } from "../../kernel/text.ts";
import type { CheckContext } from "../context.ts";
import { failed, passed, type Verdict } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import type { DataProbe } from "./data-probe.ts";
import { runningService } from "./service-container.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { storageSession, type StorageSession } from "./storage-session.ts";

export interface PersistenceOptions {
  readonly service: string;
  /** How the marker is stored and read back (the app's own interface, or a file). */
  readonly probe: DataProbe;
}

/** A marker written before Compose recreates the service's container, read back after it. */
export function survivesRecreateCheck(options: PersistenceOptions, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "storage-survives-recreate",
      title: text("Les données survivent à la recréation du conteneur", "The data survives the container's recreation"),
      points: 2,
      needs: ["stack-up"],
      course: COURSE.storage.writableLayer,
      hint: text(
        "Ce qu'un conteneur écrit hors d'un volume va dans sa couche inscriptible, jetée à chaque recréation (nouvelle image, compose.yaml modifié, `docker compose up --force-recreate`). Montez un volume sur le dossier de données de l'app.",
        "What a container writes outside a volume goes to its writable layer, thrown away at each recreation (a new image, an edited compose.yaml, `docker compose up --force-recreate`). Mount a volume on the app's data folder.",
      ),
      timeoutMs: 120_000,
      run: (ctx) => survives(ctx, options, "recreate", text("recréation du conteneur", "container recreation"), (session) => session.recreate(options.service)),
    },
    overrides,
  );
}

/** A marker written before `docker compose down` (volumes kept) and `up`, read back after them. */
export function survivesDownUpCheck(options: PersistenceOptions, overrides: CheckOverrides = {}) {
  return defineCheck(
    {
      id: "storage-survives-down-up",
      title: text("Les données survivent à `docker compose down` puis `up`", "The data survives `docker compose down` then `up`"),
      points: 3,
      needs: ["stack-up"],
      course: COURSE.storage.namedVolumes,
      hint: text(
        "`docker compose down` supprime les conteneurs, et avec eux leurs volumes anonymes (ceux d'un `VOLUME` du Dockerfile ou d'un `- /chemin` sans nom) : au `up` suivant, un nouveau volume vide est créé. Seul un volume nommé, déclaré sous `volumes:`, est retrouvé (seul `down -v` le supprime).",
        "`docker compose down` removes the containers, and their anonymous volumes with them (those of a Dockerfile `VOLUME` or of an unnamed `- /path`): the next `up` creates a new, empty volume. Only a named volume, declared under `volumes:`, is found again (only `down -v` removes it).",
      ),
      timeoutMs: 120_000,
      run: (ctx) =>
        survives(ctx, options, "down-up", text("`docker compose down` puis `up`", "`docker compose down` then `up`"), (session) =>
          session.restart({ removeVolumes: false }),
        ),
    },
    overrides,
  );
}

async function survives(
  ctx: CheckContext,
  options: PersistenceOptions,
  tag: string,
  event: Text,
  disrupt: (session: StorageSession) => Promise<ComposeStack>,
): Promise<Verdict> {
  const session = await ctx.use(storageSession);
  const before = await runningService(session.stack, options.service);
  if (!before.ok) return before.verdict;
  const key = `dockgrade-${tag}-${ctx.runId}`;
  const value = randomBytes(8).toString("hex");
  const written = await options.probe.write(ctx, before.container, key, value);
  const echoed = written.ok ? await options.probe.read(ctx, before.container, key) : undefined;
  if (!written.ok || echoed?.value !== value) {
    return failed(
      text(
        `L'app n'a pas enregistré la donnée test (${options.probe.description}) : la persistance ne peut pas être vérifiée.`,
        `The app did not store the test value (${options.probe.description}): persistence cannot be checked.`,
      ),
      { expected: `${key} = ${value}`, actual: echoed?.output ?? written.output },
    );
  }
  let stack: ComposeStack;
  try {
    stack = await disrupt(session);
  } catch (error) {
    if (!(error instanceof ComposeUpError)) throw error;
    return failed(text(`La stack ne redémarre pas après ${event.fr}.`, `The stack does not start again after ${event.en}.`), { details: error.output });
  }
  const after = await runningService(stack, options.service);
  if (!after.ok) return after.verdict;
  if (after.container.id === before.container.id) throw new Error(`${tag}: the container of ${options.service} was not recreated`);
  const read = await options.probe.read(ctx, after.container, key);
  if (read.value === value) {
    return passed(text(`La donnée test est retrouvée après ${event.fr}.`, `The test value is found again after ${event.en}.`));
  }
  return failed(text(`La donnée test est perdue après ${event.fr}.`, `The test value is lost after ${event.en}.`), {
    expected: `${key} = ${value}`,
    actual: read.output || "(nothing)",
  });
}
