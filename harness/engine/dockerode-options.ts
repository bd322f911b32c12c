import { readFileSync } from "node:fs";
import { join } from "node:path";
import type Docker from "dockerode";

/** dockerode options for a DOCKER_HOST-style address (unix, tcp with optional TLS, ssh, npipe). */
export function dockerodeOptions(host: string, env: NodeJS.ProcessEnv = process.env): Docker.DockerOptions {
  const url = new URL(host);
  if (url.protocol === "unix:" || url.protocol === "npipe:") return { socketPath: url.pathname };
  if (url.protocol === "ssh:") {
    return { protocol: "ssh", host: url.hostname, port: url.port || 22, username: url.username || undefined };
  }
  const tls = env["DOCKER_TLS_VERIFY"] === "1" && env["DOCKER_CERT_PATH"];
  const certs = tls
    ? {
        ca: readFileSync(join(tls, "ca.pem")),
        cert: readFileSync(join(tls, "cert.pem")),
        key: readFileSync(join(tls, "key.pem")),
      }
    : {};
  return { protocol: tls ? "https" : "http", host: url.hostname, port: url.port || (tls ? 2376 : 2375), ...certs };
}
