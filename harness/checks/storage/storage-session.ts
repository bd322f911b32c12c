import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { ComposeStack } from "../../engine/clients/compose-client.ts";
import type { Fixture, FixtureContext } from "../context.ts";
import type { ComposeProject } from "../shared-setup/compose-project.ts";
import { composeStack } from "../shared-setup/compose-stack.ts";
import { isAnonymousVolumeName } from "./mount-rules.ts";

/** Changing it makes Compose recreate a service's container, as an edit of compose.yaml would. */
const GENERATION_LABEL = "dockgrade.generation";

/**
 * The Compose stack as the storage checks drive it: they recreate containers, take the stack down
 * and up, delete and restore its volumes. `stack` is always the current one (containers are new
 * after each of those), and everything volumes leave behind is removed with the run.
 */
export interface StorageSession {
  readonly project: ComposeProject;
  readonly stack: ComposeStack;
  /**
   * `up` again with one label of `service` changed: Compose recreates that container and keeps its
   * anonymous volumes, exactly as after an edit of compose.yaml or a new image (`up --force-recreate`).
   */
  recreate(service: string): Promise<ComposeStack>;
  /** `down` (volumes kept or removed), then `up`. */
  restart(options: { removeVolumes: boolean }): Promise<ComposeStack>;
  /** `down` alone; `restart` brings the stack back. */
  down(options: { removeVolumes: boolean }): Promise<void>;
}

export const storageSession: Fixture<StorageSession> = {
  name: "storage session",
  async setUp(ctx) {
    const session = await ctx.use(composeStack);
    const { project } = session;
    const anonymous = new Set<string>();
    ctx.scope.defer("storage volumes", () => removeProjectVolumes(ctx, project, anonymous));
    let current = session.stack;
    let generation = 0;

    // A `down` without -v orphans anonymous volumes (Compose keeps them, unlabelled): note them first.
    const noteAnonymousVolumes = async () => {
      for (const name of current.serviceNames) {
        try {
          const { Mounts } = await current.service(name).inspect();
          for (const mount of Mounts ?? []) if (mount.Type === "volume" && mount.Name && isAnonymousVolumeName(mount.Name)) anonymous.add(mount.Name);
        } catch {
          // A service that is not running has nothing to inspect here; `down -v` removes its volumes.
        }
      }
    };

    return {
      project,
      get stack() {
        return current;
      },
      async recreate(service) {
        await noteAnonymousVolumes();
        generation += 1;
        const dir = await mkdtemp(join(tmpdir(), "dockgrade-recreate-"));
        try {
          const file = join(dir, "recreate.override.yaml");
          await writeFile(file, stringify({ services: { [service]: { labels: { [GENERATION_LABEL]: String(generation) } } } }));
          current = await ctx.engine.compose.up({ ...project.spec, files: [...project.spec.files, file] }, { startupTimeoutMs: startupTimeoutMs(ctx) });
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
        return current;
      },
      async restart(options) {
        await noteAnonymousVolumes();
        current = await session.restart(options);
        return current;
      },
      async down(options) {
        await noteAnonymousVolumes();
        await ctx.engine.compose.down(project.spec, options);
      },
    };
  },
};

function startupTimeoutMs(ctx: FixtureContext): number {
  return (ctx.exercise.compose?.startupTimeoutSeconds ?? 60) * 1000;
}

/**
 * `down -v` removes only the volumes Compose created and still attached: not anonymous volumes an
 * earlier `down` orphaned, nor a volume a restore script created with `docker volume create` or
 * `docker run -v`. Every name here contains the run's unique project name, or was seen mounted in
 * the run's own containers, so nothing else on the engine is touched.
 */
async function removeProjectVolumes(ctx: FixtureContext, project: ComposeProject, anonymous: ReadonlySet<string>): Promise<void> {
  await ctx.engine.compose.down(project.spec, { removeVolumes: true });
  const named = (await ctx.engine.volumes.listByName(project.spec.projectName)).map((volume) => volume.name);
  const declared = Object.values(project.model.volumes ?? {})
    .map((volume) => volume.name)
    .filter((name): name is string => name !== undefined && name.startsWith(project.spec.projectName));
  const volumes = [...new Set([...named, ...declared, ...anonymous])];
  for (const helper of await ctx.engine.containers.listMounting(volumes)) await ctx.engine.containers.remove(helper.id);
  for (const volume of volumes) await ctx.engine.volumes.remove(volume);
}
