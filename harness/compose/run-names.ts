import type { ComposeModel } from "../engine/compose-model.ts";
import type { KeyPath } from "./key-lines.ts";

/**
 * The names a grading run gives the objects Compose creates for it. Compose already names what the
 * file leaves unnamed after the project (`<project>_<key>`, `<project>-<service>-1`), and the project
 * is the run's own (harness/kernel/run-labels.ts); a name the file fixes (`container_name`, a
 * network's or a volume's `name:`) would be the same for every copy graded at once and for the user's
 * own objects, so the grader's override (run-override.ts) moves it to the name Compose would have
 * chosen. Checks judge the declared model and find the run's objects under these names.
 */

/** A network or a volume of the project, external or not, under the name the engine knows it by during the run. */
export function runResourceName(model: ComposeModel, kind: "networks" | "volumes", key: string): string {
  const declared = model[kind]?.[key];
  // External objects are the user's: the run uses them as named, and is not isolated from them.
  if (declared?.external) return declared.name ?? key;
  return projectScopedName(model, key);
}

/** What Compose names a network or volume whose file gives no `name:`. */
export function projectScopedName(model: ComposeModel, key: string): string {
  return `${model.name}_${key}`;
}

/** A service's (single) container during the run: Compose's own name for its first replica. */
export function runContainerName(model: ComposeModel, service: string): string {
  return `${model.name}-${service}-1`;
}

/**
 * The tag a service's image has during the run, or undefined when the run does not build it (an
 * image the file only names, left as declared). Compose tags a build with the service's `image:`
 * (and its `build.tags`), which every copy graded at once would build in turn and the user's own
 * image of that name would lose; the run tags it as Compose tags a build the file leaves unnamed,
 * `<project>-<service>`. A service that names a tag another service builds (a worker on the api's
 * image) runs that build, under the builder's run tag; the first builder of a tag owns it, as the
 * build plan builds each tag once.
 */
export function runImageName(model: ComposeModel, service: string): string | undefined {
  const definition = model.services[service];
  if (!definition) return undefined;
  const builder = Object.entries(model.services).find(
    ([, candidate]) => candidate.build && definition.image !== undefined && builtTags(candidate).includes(definition.image),
  );
  if (builder) return `${model.name}-${builder[0]}`;
  return definition.build ? `${model.name}-${service}` : undefined;
}

/** The tags Compose gives a service's build: its `image:` and its `build.tags`. */
function builtTags(service: ComposeModel["services"][string]): string[] {
  return [...(service.image !== undefined ? [service.image] : []), ...(service.build?.tags ?? [])];
}

/** A name the submission fixes for an object the project creates, where it is written. */
export interface FixedName {
  readonly kind: "container" | "network" | "volume";
  /** The service, network or volume key in the Compose file. */
  readonly key: string;
  /** The name as declared: `kvdb`. */
  readonly declared: string;
  /** The name the run uses instead. */
  readonly run: string;
  readonly at: KeyPath;
}

/**
 * Every fixed name of the resolved model the run must move. External networks and volumes are not
 * here: the project does not create them. Secrets' and configs' `name:` are not either: outside Swarm,
 * Compose creates no engine object for them (a file secret is a bind mount), so nothing can collide.
 */
export function fixedNames(model: ComposeModel): FixedName[] {
  const services = Object.entries(model.services).flatMap(([service, definition]): FixedName[] =>
    definition.container_name === undefined
      ? []
      : [
          {
            kind: "container",
            key: service,
            declared: definition.container_name,
            run: runContainerName(model, service),
            at: ["services", service, "container_name"],
          },
        ],
  );
  const resources = (kind: "networks" | "volumes", singular: "network" | "volume") =>
    Object.entries(model[kind] ?? {}).flatMap(([key, declared]): FixedName[] => {
      const run = projectScopedName(model, key);
      if (declared.external || declared.name === undefined || declared.name === run) return [];
      return [{ kind: singular, key, declared: declared.name, run, at: [kind, key, "name"] }];
    });
  return [...services, ...resources("networks", "network"), ...resources("volumes", "volume")];
}
