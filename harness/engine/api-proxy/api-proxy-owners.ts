import type Docker from "dockerode";
import { RUN_LABEL } from "../../kernel/run-labels.ts";
import { text, type Text } from "../../kernel/text.ts";
import { SCRIPT_CREATED_LABEL, type OwnedObjects, type ProxyScope } from "./api-proxy-scope.ts";

/**
 * Whether the objects a script names belong to its grading run: carrying the run's label, as
 * everything the run's Compose project and the proxy create does. Another submission's containers
 * and volumes, or the machine's own, are refused; a name that does not exist is left to the engine,
 * whose "No such container" the script shows as it would anywhere.
 */
export class RunObjects {
  private readonly execs = new Set<string>();

  constructor(
    private readonly docker: Docker,
    private readonly scope: ProxyScope,
  ) {}

  /** Reasons to refuse: the named objects that exist and are not the run's. */
  async foreign(owned: OwnedObjects): Promise<Text[]> {
    const reasons: Text[] = [];
    for (const ref of owned.containers) {
      if ((await this.containerOwner(ref)) === "other") reasons.push(notOurs(`le conteneur ${ref}`, `container ${ref}`));
    }
    for (const name of owned.volumes) {
      if ((await this.volumeOwner(name)) === "other") reasons.push(notOurs(`le volume ${name}`, `volume ${name}`));
    }
    for (const ref of owned.images) {
      if ((await this.imageOwner(ref)) === "other") reasons.push(notOurs(`l'image ${ref}`, `image ${ref}`));
    }
    for (const id of owned.execs) {
      if (!this.execs.has(id)) reasons.push(notOurs(`l'exécution ${id}`, `exec instance ${id}`));
    }
    return reasons;
  }

  /**
   * Volumes a new container mounts by name: a missing one is created now with the run's labels (the
   * engine would create it without), one of another run or of the machine is refused.
   */
  async ensureVolumes(names: readonly string[]): Promise<Text[]> {
    const reasons: Text[] = [];
    for (const name of names) {
      const owner = await this.volumeOwner(name);
      if (owner === "other") reasons.push(notOurs(`le volume ${name}`, `volume ${name}`));
      if (owner === "absent") await this.docker.createVolume({ Name: name, Labels: { ...this.scope.labels, [SCRIPT_CREATED_LABEL]: "true" } });
    }
    return reasons;
  }

  recordExec(id: string): void {
    this.execs.add(id);
  }

  private async containerOwner(ref: string): Promise<Owner> {
    return owner(
      () =>
        this.docker
          .getContainer(ref)
          .inspect()
          .then((info) => info.Config.Labels ?? {}),
      this.scope.runId,
    );
  }

  private async imageOwner(ref: string): Promise<Owner> {
    return owner(
      () =>
        this.docker
          .getImage(ref)
          .inspect()
          .then((info) => info.Config?.Labels ?? {}),
      this.scope.runId,
    );
  }

  private async volumeOwner(name: string): Promise<Owner> {
    return owner(
      () =>
        this.docker
          .getVolume(name)
          .inspect()
          .then((info) => (info.Labels ?? {}) as Record<string, string>),
      this.scope.runId,
    );
  }
}

type Owner = "run" | "other" | "absent";

async function owner(labels: () => Promise<Record<string, string>>, runId: string): Promise<Owner> {
  try {
    return (await labels())[RUN_LABEL] === runId ? "run" : "other";
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return "absent";
    throw error;
  }
}

function notOurs(fr: string, en: string): Text {
  return text(`${fr} n'appartient pas à cette correction : refusé.`, `${en} does not belong to this grading run: refused.`);
}
