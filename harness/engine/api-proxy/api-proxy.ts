import { rm } from "node:fs/promises";
import http from "node:http";
import type { Duplex } from "node:stream";
import type Docker from "dockerode";
import { text, type Text } from "../../kernel/text.ts";
import { RunObjects } from "./api-proxy-owners.ts";
import { findRoute, refusalMessage } from "./api-proxy-rules.ts";
import type { ForwardedRequest, ProxyScope } from "./api-proxy-scope.ts";
import { relayUpgrade } from "./api-proxy-upgrade.ts";
import { upstreamFor, type Upstream } from "./api-proxy-upstream.ts";

/**
 * A Docker API endpoint for a student's script, on a unix socket of its own: the script's docker
 * CLI talks to it as to the engine, and it forwards what the rules allow (api-proxy-rules.ts) to
 * the real engine, with the run's labels added to what the script creates. A refusal is an HTTP
 * 403 with `{"message": ...}`, which the docker CLI prints as "Error response from daemon: ...".
 * Attach and exec streams (an upgraded connection) are relayed both ways untouched once allowed.
 */
export interface ApiProxyOptions {
  readonly socketPath: string;
  /** The engine's address (DOCKER_HOST style), where allowed requests go. */
  readonly engineHost: string;
  /** The same engine, for the owner checks and the volumes the proxy creates. */
  readonly docker: Docker;
  readonly scope: ProxyScope;
}

export interface ApiProxy extends AsyncDisposable {
  readonly socketPath: string;
}

/** More than any `docker run` sends; a body past it is refused unread. */
const BODY_LIMIT_BYTES = 1024 * 1024;
/** An exec instance's creation answer: `{"Id": "..."}`. */
const EXEC_ANSWER_LIMIT_BYTES = 64 * 1024;

export async function startApiProxy(options: ApiProxyOptions): Promise<ApiProxy> {
  const upstream = upstreamFor(options.engineHost);
  const objects = new RunObjects(options.docker, options.scope);
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };
  const server = http.createServer((req, res) => {
    handleRequest(req, res, options.scope, objects, upstream).catch((error: unknown) => answerError(res, error));
  });
  server.on("connection", track);
  server.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    handleUpgrade(req, socket, head, options.scope, objects, upstream, track).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.socketPath, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    socketPath: options.socketPath,
    async [Symbol.asyncDispose]() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A script killed mid-request leaves streams open (a `wait`, a `logs -f`): they go with it.
      for (const socket of sockets) socket.destroy();
      await closed;
      upstream.close();
      await rm(options.socketPath, { force: true });
    },
  };
}

type Checked = { readonly ok: true; readonly decision: ForwardedRequest } | { readonly ok: false; readonly status: number; readonly reasons: readonly Text[] };

/** The rules, then the owners of what the request names; `body` is read only for routes that need it. */
async function check(req: http.IncomingMessage, scope: ProxyScope, objects: RunObjects, readBody: boolean): Promise<Checked> {
  const route = findRoute(req.method ?? "GET", req.url ?? "/");
  if ("verdict" in route) return { ok: false, status: 403, reasons: route.reasons };
  let body: unknown;
  if (route.readsBody && readBody) {
    const read = await readJson(req);
    if (!read.ok) return { ok: false, status: read.status, reasons: [read.reason] };
    body = read.value;
  }
  const decision = route.decide(body, scope);
  if (decision.verdict === "refuse") return { ok: false, status: 403, reasons: decision.reasons };
  const foreign = await objects.foreign(decision.owned);
  if (foreign.length > 0) return { ok: false, status: 403, reasons: foreign };
  const volumes = await objects.ensureVolumes(decision.volumesToCreate);
  if (volumes.length > 0) return { ok: false, status: 403, reasons: volumes };
  return { ok: true, decision };
}

async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse, scope: ProxyScope, objects: RunObjects, upstream: Upstream): Promise<void> {
  const checked = await check(req, scope, objects, true);
  if (!checked.ok) {
    answerJson(res, checked.status, { message: refusalMessage(checked.reasons) });
    return;
  }
  const { decision } = checked;
  const headers: http.OutgoingHttpHeaders = { ...req.headers };
  const payload = decision.body === undefined ? undefined : Buffer.from(JSON.stringify(decision.body));
  if (payload) {
    headers["content-length"] = String(payload.length);
    delete headers["transfer-encoding"];
  }
  const forwarded = upstream.request({ method: req.method ?? "GET", path: decision.url, headers });
  forwarded.on("error", (error) => answerError(res, error));
  // The client went away (a killed script): stop what it was waiting for, a `wait` or `logs -f`.
  res.on("close", () => forwarded.destroy());
  forwarded.on("response", (answer) => {
    if (decision.recordsExec) {
      relayExecAnswer(answer, res, objects);
      return;
    }
    res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
    // `docker run` waits for the headers of its `wait` request before it starts the container.
    res.flushHeaders();
    answer.pipe(res);
  });
  if (payload) forwarded.end(payload);
  else req.pipe(forwarded);
}

/** `POST /containers/{id}/exec` answers the new instance's id: later requests on it are then the script's. */
function relayExecAnswer(answer: http.IncomingMessage, res: http.ServerResponse, objects: RunObjects): void {
  const chunks: Buffer[] = [];
  let size = 0;
  answer.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= EXEC_ANSWER_LIMIT_BYTES) chunks.push(chunk);
  });
  answer.on("end", () => {
    const body = Buffer.concat(chunks);
    try {
      const id = (JSON.parse(body.toString("utf8")) as { Id?: unknown }).Id;
      if (typeof id === "string") objects.recordExec(id);
    } catch {
      // Not an exec's answer (an error of the engine): passed on as it is.
    }
    const { "content-length": _length, "transfer-encoding": _encoding, ...headers } = answer.headers;
    res.writeHead(answer.statusCode ?? 502, { ...headers, "content-length": body.length });
    res.end(body);
  });
}

/** Attach and exec start take the connection over: checked like any request, then relayed (api-proxy-upgrade.ts). */
async function handleUpgrade(
  req: http.IncomingMessage,
  socket: Duplex,
  head: Buffer,
  scope: ProxyScope,
  objects: RunObjects,
  upstream: Upstream,
  track: (socket: Duplex) => void,
): Promise<void> {
  socket.pause();
  const checked = await check(req, scope, objects, false);
  if (!checked.ok) {
    const body = JSON.stringify({ message: refusalMessage(checked.reasons) });
    socket.end(
      `HTTP/1.1 ${checked.status} Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    return;
  }
  await relayUpgrade(req, socket, head, checked.decision.url, upstream, track);
}

type ReadJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly status: number; readonly reason: Text };

async function readJson(req: http.IncomingMessage): Promise<ReadJson> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) {
      return {
        ok: false,
        status: 413,
        reason: text(`corps de requête de plus de ${BODY_LIMIT_BYTES} octets.`, `request body over ${BODY_LIMIT_BYTES} bytes.`),
      };
    }
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString("utf8");
  try {
    return { ok: true, value: raw === "" ? {} : (JSON.parse(raw) as unknown) };
  } catch {
    return { ok: false, status: 400, reason: text("corps de requête qui n'est pas du JSON.", "request body that is not JSON.") };
  }
}

function answerJson(res: http.ServerResponse, status: number, body: object): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const json = JSON.stringify(body);
  // A refused body may not have been read: the connection cannot be reused after it.
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json), Connection: "close" });
  res.end(json);
}

function answerError(res: http.ServerResponse, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  answerJson(res, 502, { message: `dockgrade: the proxy could not reach the Docker engine (${message})` });
}
