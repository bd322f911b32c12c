import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { dockerodeOptions } from "../dockerode-options.ts";

/** The engine the proxy forwards to, reached the way the grader reaches it (unix socket, tcp, tcp+TLS). */
export interface Upstream {
  request(options: { method: string; path: string; headers: http.OutgoingHttpHeaders }): http.ClientRequest;
  /** A raw connection, for a request that takes the connection over (attach, exec start). */
  connect(): net.Socket;
  close(): void;
}

/** The scripts' sandbox cannot run against this engine. */
export class SandboxUnavailableError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "SandboxUnavailableError";
  }
}

export function upstreamFor(host: string, env: NodeJS.ProcessEnv = process.env): Upstream {
  const options = dockerodeOptions(host, env);
  if (options.socketPath !== undefined) {
    const socketPath = options.socketPath;
    const agent = new http.Agent({ keepAlive: true });
    return {
      request: (request) => http.request({ ...request, socketPath, agent }),
      connect: () => net.connect({ path: socketPath }),
      close: () => agent.destroy(),
    };
  }
  if (options.protocol === "ssh") {
    throw new SandboxUnavailableError(
      `The backup scripts' sandbox cannot reach the engine at ${host} over ssh.`,
      "Point DOCKER_HOST at the engine's unix socket or a tcp:// address on the machine that runs dockgrade.",
    );
  }
  const target = { host: String(options.host), port: Number(options.port) };
  if (options.protocol === "https") {
    const credentials = { ca: options.ca, cert: options.cert, key: options.key } as tls.SecureContextOptions;
    const agent = new https.Agent({ keepAlive: true, ...credentials });
    return {
      request: (request) => https.request({ ...request, ...target, ...credentials, agent }),
      connect: () => tls.connect({ ...target, ...credentials }),
      close: () => agent.destroy(),
    };
  }
  const agent = new http.Agent({ keepAlive: true });
  return {
    request: (request) => http.request({ ...request, ...target, agent }),
    connect: () => net.connect(target),
    close: () => agent.destroy(),
  };
}
