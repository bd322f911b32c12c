import type { Labels } from "../../kernel/run-labels.ts";
import type { Text } from "../../kernel/text.ts";

/**
 * What the Docker API proxy lets a student's script do, and the shapes of its decisions. The rules
 * (api-proxy-rules.ts, api-proxy-bodies.ts) are pure functions of a request and this scope; the
 * server (api-proxy.ts) carries their decisions out against the engine.
 */

/** Put on every container and volume a script creates through the proxy, beside the run's labels. */
export const SCRIPT_CREATED_LABEL = "dockgrade.script-created";

/** A host folder a script's helper containers may bind, by its exact path and nothing below it. */
export interface BindableFolder {
  readonly path: string;
  /** How the student knows it, for messages: `$BACKUP_DIR`, `le dossier du script`. */
  readonly name: Text;
}

export interface ProxyScope {
  readonly runId: string;
  /** The run's labels (runLabels), added to what the script creates so the run's sweep removes it. */
  readonly labels: Labels;
  readonly bindable: readonly BindableFolder[];
  /** The one repository `docker tag` may name (a shipping script's $REPOSITORY); absent: no tagging. */
  readonly tagRepository?: string;
}

/** Objects a request names that must belong to the run when they exist (the engine answers 404 for the others). */
export interface OwnedObjects {
  readonly containers: readonly string[];
  readonly volumes: readonly string[];
  /** Exec instances: only those the proxy saw created on the run's containers. */
  readonly execs: readonly string[];
  /** Images a tag or save names: the run's own only, since a missing one is the engine's 404. */
  readonly images: readonly string[];
}

export interface RefusedRequest {
  readonly verdict: "refuse";
  /** Every reason at once, so a student fixes a `docker run` line in one go. */
  readonly reasons: readonly Text[];
}

export interface ForwardedRequest {
  readonly verdict: "forward";
  /** Path and query to send to the engine: the client's, or with the run's label filter added. */
  readonly url: string;
  /** A JSON body to send instead of the client's: the run's labels and ceilings added. */
  readonly body?: unknown;
  readonly owned: OwnedObjects;
  /**
   * Named volumes a new container mounts. The engine would create a missing one without labels;
   * the proxy creates it first, with the run's, and refuses an existing one that is not the run's.
   */
  readonly volumesToCreate: readonly string[];
  /** The answer holds the id of a new exec instance, which later requests may then use. */
  readonly recordsExec: boolean;
}

export type ProxyDecision = RefusedRequest | ForwardedRequest;

export const NOTHING_OWNED: OwnedObjects = { containers: [], volumes: [], execs: [], images: [] };

export function refuse(...reasons: Text[]): RefusedRequest {
  return { verdict: "refuse", reasons };
}

export function forward(url: string, options: Partial<Omit<ForwardedRequest, "verdict" | "url">> = {}): ForwardedRequest {
  return { verdict: "forward", url, owned: NOTHING_OWNED, volumesToCreate: [], recordsExec: false, ...options };
}
