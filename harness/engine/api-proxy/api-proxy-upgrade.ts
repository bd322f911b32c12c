import type http from "node:http";
import type { Duplex } from "node:stream";
import type { Upstream } from "./api-proxy-upstream.ts";

/**
 * Relays a request that takes its connection over (`docker run` attaching, `docker exec`): the
 * request and its body go to the engine; only once the engine answers `101 Switching Protocols`
 * do bytes flow both ways untouched. Before that, nothing else of the client's is passed on: if
 * the engine answered anything else (404 for a container that does not exist) and kept the
 * connection open, the client's next bytes would reach it as a new request the rules never saw.
 */
export async function relayUpgrade(
  req: http.IncomingMessage,
  client: Duplex,
  head: Buffer,
  url: string,
  upstream: Upstream,
  track: (socket: Duplex) => void,
): Promise<void> {
  const length = Number(req.headers["content-length"] ?? 0);
  if (req.headers["transfer-encoding"] !== undefined || !Number.isSafeInteger(length) || length < 0 || length > MAX_BODY_BYTES) {
    client.end('HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"message":"dockgrade: unexpected body"}');
    return;
  }
  const [body, early] = await takeBytes(client, head, length);
  const engine = upstream.connect();
  track(engine);
  const close = () => {
    engine.destroy();
    client.destroy();
  };
  engine.on("error", close);
  client.on("error", close);
  engine.on("close", close);
  client.on("close", close);
  const lines = [`${req.method} ${url} HTTP/1.1`];
  for (let index = 0; index < req.rawHeaders.length; index += 2) lines.push(`${req.rawHeaders[index]}: ${req.rawHeaders[index + 1]}`);
  engine.write(`${lines.join("\r\n")}\r\n\r\n`);
  engine.write(body);
  const [answer, status] = await statusLine(engine);
  client.write(answer);
  engine.pipe(client);
  if (!/^HTTP\/1\.[01] 101 /.test(status)) {
    // One answer, then the engine closes the connection when it reads the end of it.
    engine.end();
    return;
  }
  if (early.length > 0) engine.write(early);
  client.pipe(engine);
  client.resume();
}

/** An attach or exec start has no body, or a small JSON one (`{"Detach":false,"Tty":false}`). */
const MAX_BODY_BYTES = 64 * 1024;

/** The first `length` bytes the client sent after its headers, and what came after them. */
function takeBytes(client: Duplex, head: Buffer, length: number): Promise<[Buffer, Buffer]> {
  return new Promise((resolve, reject) => {
    let buffered = head;
    const finish = () => {
      client.off("data", onData);
      client.off("end", onEnd);
      client.off("error", reject);
      client.pause();
      resolve([buffered.subarray(0, length), buffered.subarray(length)]);
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length >= length) finish();
    };
    const onEnd = () => reject(new Error("the client closed the connection before sending its body"));
    if (buffered.length >= length) {
      finish();
      return;
    }
    client.on("data", onData);
    client.on("end", onEnd);
    client.on("error", reject);
    client.resume();
  });
}

/** Reads the engine's answer up to the end of its status line: the bytes read, and that line. */
function statusLine(engine: Duplex): Promise<[Buffer, string]> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf("\r\n");
      if (end === -1 && buffered.length < 1024) return;
      engine.off("data", onData);
      engine.off("error", reject);
      engine.off("end", onEnd);
      engine.pause();
      resolve([buffered, buffered.subarray(0, Math.max(end, 0)).toString("latin1")]);
    };
    const onEnd = () => reject(new Error("the engine closed the connection without answering"));
    engine.on("data", onData);
    engine.on("error", reject);
    engine.on("end", onEnd);
  });
}
