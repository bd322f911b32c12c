import { RUN_LABEL } from "../../kernel/run-labels.ts";
import { text, type Text } from "../../kernel/text.ts";
import { saveImages, tagImage } from "./api-proxy-images.ts";
import { checkContainerCreate, checkExecCreate, checkVolumeCreate, isObject, stringList, type BodyVerdict } from "./api-proxy-bodies.ts";
import { forward, NOTHING_OWNED, refuse, type ProxyDecision, type ProxyScope, type RefusedRequest } from "./api-proxy-scope.ts";

/**
 * Which Docker API calls a student's backup or restore script may make through the proxy: what
 * the docker CLI sends for `docker run` (attached or not, with --rm), `docker volume`, `docker
 * exec`, `docker cp`, `docker ps`, `docker inspect`, `docker logs`, `docker rm`, and for a shipping
 * script `docker tag` and `docker save` of the run's images (api-proxy-images.ts). Everything else is
 * refused (builds, pulls, networks, plugins, swarm, prune, events...). Pure: method, URL and body
 * in, a decision out; the proxy checks the owners of the objects named and carries it out.
 */

export interface ApiRequest {
  readonly method: string;
  /** As sent by the client: `/v1.45/containers/create?name=x`. */
  readonly url: string;
  /** The body, parsed from JSON, for a route that reads it. */
  readonly body?: unknown;
}

export interface Route {
  /** The decision needs the request's JSON body: the proxy reads it first. */
  readonly readsBody: boolean;
  decide(body: unknown, scope: ProxyScope): ProxyDecision;
}

/** What a script may do to a container of its run; commit, export, update, rename are left out. */
const CONTAINER_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  GET: ["json", "logs", "top", "stats", "changes", "archive"],
  HEAD: ["archive"],
  PUT: ["archive"],
  POST: ["start", "stop", "restart", "kill", "wait", "attach", "resize", "pause", "unpause"],
};

/** The route of a request, or why none: decided on method and path alone, before any body is read. */
export function findRoute(method: string, url: string): Route | RefusedRequest {
  const parsed = parseUrl(url);
  if (!parsed) return refuse(text(`${method} ${url} : chemin illisible.`, `${method} ${url}: unreadable path.`));
  const { segments, version, query } = parsed;
  const [kind, id, action] = segments;
  const pass = (owned = NOTHING_OWNED): Route => fixed(forward(url, { owned }));
  const count = segments.length;
  if (kind === "_ping" && count === 1 && (method === "GET" || method === "HEAD")) return pass();
  if ((kind === "version" || kind === "info") && count === 1 && method === "GET") return pass();
  if (kind === "containers") {
    if (id === "json" && count === 2 && method === "GET") return listing(query, `${version}/containers/json`);
    if (id === "create" && count === 2 && method === "POST") return { readsBody: true, decide: (body, scope) => createContainer(url, body, scope) };
    if (id !== undefined && count === 2 && method === "DELETE") return pass({ ...NOTHING_OWNED, containers: [id] });
    if (id !== undefined && action === "exec" && count === 3 && method === "POST") {
      return { readsBody: true, decide: (body) => createExec(url, id, body) };
    }
    if (id !== undefined && action !== undefined && count === 3 && CONTAINER_ACTIONS[method]?.includes(action))
      return pass({ ...NOTHING_OWNED, containers: [id] });
  }
  if (kind === "exec" && id !== undefined && count === 3) {
    if ((method === "POST" && (action === "start" || action === "resize")) || (method === "GET" && action === "json"))
      return pass({ ...NOTHING_OWNED, execs: [id] });
  }
  if (kind === "volumes") {
    if (count === 1 && method === "GET") return listing(query, `${version}/volumes`);
    if (id === "create" && count === 2 && method === "POST") return { readsBody: true, decide: (body, scope) => createVolume(url, body, scope) };
    if (id !== undefined && count === 2 && (method === "GET" || method === "DELETE")) return pass({ ...NOTHING_OWNED, volumes: [id] });
  }
  if (kind === "images") {
    if (id === "json" && count === 2 && method === "GET") return pass();
    // Image names have slashes: /images/docker.io/library/busybox:1.37/json.
    if (count >= 3 && segments.at(-1) === "json" && method === "GET" && id !== "create") return pass();
    if (id === "get" && count === 2 && method === "GET") return fixed(saveImages(url, query.getAll("names")));
    if (count >= 3 && segments.at(-1) === "get" && method === "GET") return fixed(saveImages(url, [segments.slice(1, -1).join("/")]));
    if (count >= 3 && segments.at(-1) === "tag" && method === "POST") {
      const name = segments.slice(1, -1).join("/");
      return { readsBody: false, decide: (_body, scope) => tagImage(url, name, query, scope) };
    }
    if (id === "create" && method === "POST") return refuse(NO_PULL);
  }
  return refuse(
    text(
      `${method} ${segments.join("/")} : refusé, les scripts n'ont accès qu'aux conteneurs, aux volumes et aux images déjà présentes (étiqueter et sauvegarder celles de la correction).`,
      `${method} ${segments.join("/")}: refused, scripts only reach containers, volumes and the images already present (tagging and saving the run's own).`,
    ),
  );
}

/** findRoute, then its decision: the whole rule in one call. */
export function decideRequest(request: ApiRequest, scope: ProxyScope): ProxyDecision {
  const route = findRoute(request.method, request.url);
  return "verdict" in route ? route : route.decide(request.body, scope);
}

const NO_PULL = text(
  "pas de téléchargement d'image : les scripts utilisent les images déjà présentes sur le moteur (busybox:1.37).",
  "no image pull: scripts use the images already on the engine (busybox:1.37).",
);

function fixed(decision: ProxyDecision): Route {
  return { readsBody: false, decide: () => decision };
}

function createContainer(url: string, body: unknown, scope: ProxyScope): ProxyDecision {
  const checked = checkContainerCreate(body, scope);
  if (!checked.ok) return refuse(...checked.reasons);
  const { containers, volumes } = checked.value;
  return forward(url, { body: checked.value.body, owned: { ...NOTHING_OWNED, containers }, volumesToCreate: volumes });
}

function createExec(url: string, container: string, body: unknown): ProxyDecision {
  const checked: BodyVerdict<unknown> = checkExecCreate(body);
  if (!checked.ok) return refuse(...checked.reasons);
  return forward(url, { body: checked.value, owned: { ...NOTHING_OWNED, containers: [container] }, recordsExec: true });
}

function createVolume(url: string, body: unknown, scope: ProxyScope): ProxyDecision {
  const checked = checkVolumeCreate(body, scope);
  if (!checked.ok) return refuse(...checked.reasons);
  const { name } = checked.value;
  return forward(url, { body: checked.value.body, owned: { ...NOTHING_OWNED, volumes: name === undefined ? [] : [name] } });
}

/** `docker ps`, `docker volume ls`: the run's objects only, whatever filter the script gave. */
function listing(query: URLSearchParams, path: string): Route {
  return {
    readsBody: false,
    decide(_body, scope) {
      const filters = readFilters(query.get("filters"));
      if (filters === undefined) return refuse(text("filtre illisible (--filter).", "unreadable filter (--filter)."));
      const rewritten = new URLSearchParams(query);
      rewritten.set("filters", JSON.stringify({ ...filters, label: [...(filters["label"] ?? []), `${RUN_LABEL}=${scope.runId}`] }));
      return forward(`${path}?${rewritten.toString()}`);
    },
  };
}

/** Docker's filters: `{"label": ["a=b"]}`, or the older `{"label": {"a=b": true}}`. */
function readFilters(raw: string | null): Record<string, string[]> | undefined {
  if (raw === null || raw === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObject(parsed)) return undefined;
  const filters: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(parsed)) {
    filters[name] = Array.isArray(values) ? stringList(values) : isObject(values) ? Object.keys(values) : [];
  }
  return filters;
}

/**
 * The path's segments, decoded, without the API version. A segment that decodes to a slash or a dot
 * is refused: the engine's router would clean the path into another route than the one checked here.
 */
function parseUrl(url: string): { segments: string[]; version: string; query: URLSearchParams } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url, "http://proxy.invalid");
  } catch {
    return undefined;
  }
  if (!url.startsWith("/")) return undefined;
  const version = /^\/v\d+(\.\d+)?(?=\/)/.exec(parsed.pathname)?.[0] ?? "";
  const raw = parsed.pathname.slice(version.length).split("/").slice(1);
  const segments: string[] = [];
  for (const segment of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (decoded === "" || decoded === "." || decoded === ".." || /[/\\]/.test(decoded)) return undefined;
    segments.push(decoded);
  }
  return { segments, version, query: parsed.searchParams };
}

/** The reasons of a refusal as the docker CLI shows them: `Error response from daemon: <this>`. */
export function refusalMessage(reasons: readonly Text[]): string {
  return `dockgrade : ${reasons.map((reason) => reason.fr).join(" ")}\ndockgrade: ${reasons.map((reason) => reason.en).join(" ")}`;
}
