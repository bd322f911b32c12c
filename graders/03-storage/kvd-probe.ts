import { lineProtocolProbe } from "../../harness/checks/storage/data-probe.ts";

/**
 * kvd's own protocol (the exercises' app/kv-session): one line per connection on
 * TCP 7379. The grader stores and reads its markers the way the app's clients do.
 */
export const kvdProbe = lineProtocolProbe({
  port: 7379,
  writeLine: (key, value) => `SET ${key} ${value}`,
  readLine: (key) => `GET ${key}`,
  written: (reply) => reply === "OK",
  value: (reply) => (reply.startsWith("VALUE ") ? reply.slice("VALUE ".length) : undefined),
});

export const KV_SERVICE = "db";
export const KV_DATA_DIR = "/var/lib/kv";
