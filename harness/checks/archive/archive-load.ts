import { createReadStream } from "node:fs";
import Docker from "dockerode";
import { dockerodeOptions } from "../../engine/docker-engine.ts";
import { text } from "../../kernel/text.ts";
import { familiarName } from "../../engine/api-proxy/api-proxy-images.ts";
import type { FixtureContext } from "../context.ts";
import { builtImage } from "../shared-setup/built-image.ts";
import { untagRepository } from "./release-repository.ts";
import type { LoadOutcome, ShipPlan } from "./ship-types.ts";

/** `docker load` answers with lines like `{"stream":"Loaded image: repo:tag\n"}`, or `{"error": ...}`. */
interface LoadMessage {
  readonly stream?: string;
  readonly error?: string;
}

/**
 * `docker load` of the student's archive through the engine, as anyone receiving it would. Only an
 * archive the grader has read and found to hold the run's own image under names of the run's own
 * repository is loaded: a hand-made archive could otherwise replace any tag on the engine
 * (`busybox:1.36` for every later run). The repository's tags are removed first, so the tags found
 * afterwards are the load's doing; they go with the run (ship-plan.ts).
 */
export async function loadArchive(ctx: FixtureContext, plan: ShipPlan): Promise<LoadOutcome> {
  const shipped = await ctx.use(plan.shipped);
  const image = await ctx.use(builtImage);
  const structure = shipped.archive?.structure;
  if (!shipped.archive || !structure || structure.problems.length > 0 || structure.imageId !== image.id) {
    return { loaded: false, reason: text("L'archive n'a pas la structure d'un `docker save` de l'image construite : elle n'est pas chargée.", "The archive lacks the structure of a `docker save` of the built image: it is not loaded.") };
  }
  const foreign = structure.names.filter((name) => !familiarName(name).startsWith(`${shipped.repository}:`));
  if (foreign.length > 0) {
    return { loaded: false, reason: text(`Noms hors de $REPOSITORY dans l'archive : ${foreign.join(", ")}. Elle n'est pas chargée.`, `Names outside $REPOSITORY in the archive: ${foreign.join(", ")}. It is not loaded.`) };
  }
  await untagRepository(ctx, shipped.repository);
  const docker = new Docker(dockerodeOptions(ctx.engine.endpoint.host));
  const messages = await followLoad(docker, shipped.archive.path, ctx.signal);
  const output = messages.map((message) => message.error ?? message.stream ?? "").join("").trim();
  const failure = messages.find((message) => message.error !== undefined);
  if (failure) return { loaded: false, reason: text(`docker load échoue : ${failure.error}`, `docker load fails: ${failure.error}`), output };
  const refs: string[] = [];
  for (const ref of plan.requiredRefs(shipped.repository)) {
    if ((await ctx.engine.images.exists(ref)) && (await ctx.engine.images.inspect(ref)).id === image.id) refs.push(ref);
  }
  return { loaded: true, output, refs };
}

async function followLoad(docker: Docker, path: string, signal: AbortSignal): Promise<LoadMessage[]> {
  signal.throwIfAborted();
  const stream = (await docker.loadImage(createReadStream(path), { quiet: true, abortSignal: signal })) as NodeJS.ReadableStream;
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, messages: LoadMessage[]) => (error ? reject(error) : resolve(messages)));
  });
}
