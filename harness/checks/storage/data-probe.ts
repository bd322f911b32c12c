import type { RunningContainer } from "../../engine/clients/container-client.ts";
import { runLabels } from "../../kernel/run-labels.ts";
import { PROBE_IMAGE } from "../../images/grader-images.ts";
import type { CheckContext } from "../context.ts";

export interface ProbeReply {
  readonly ok: boolean;
  /** The value read back, when the read found one. */
  readonly value?: string;
  /** What the app or the shell answered, shown when something went wrong. */
  readonly output: string;
}

/**
 * How the grader stores a marker in a service and reads it back: through the app's own interface
 * where it has one, so that what is checked is where the app really keeps its data.
 */
export interface DataProbe {
  /** Shown in messages: how the marker travels. */
  readonly description: string;
  write(ctx: CheckContext, container: RunningContainer, key: string, value: string): Promise<ProbeReply>;
  read(ctx: CheckContext, container: RunningContainer, key: string): Promise<ProbeReply>;
}

export interface LineProtocolOptions {
  readonly port: number;
  /** The request line that stores `value` under `key`, e.g. `SET key value`. */
  readonly writeLine: (key: string, value: string) => string;
  readonly readLine: (key: string) => string;
  /** Whether the reply to a write means "stored". */
  readonly written: (reply: string) => boolean;
  /** The value in the reply to a read, or undefined when the key is absent. */
  readonly value: (reply: string) => string | undefined;
  /** How long a freshly started app gets to start answering. */
  readonly readySeconds?: number;
}

/**
 * One request line per TCP connection on 127.0.0.1:<port>, sent by a grader-owned busybox that
 * shares the service's network namespace: nothing leaves the container's own loopback, and
 * nothing is needed inside the student's image. Connection failures are retried while the app
 * starts; a reply, even an error, ends the wait.
 */
export function lineProtocolProbe(options: LineProtocolOptions): DataProbe {
  const tries = Math.max(1, Math.round((options.readySeconds ?? 15) * 4));
  const send = async (ctx: CheckContext, container: RunningContainer, line: string): Promise<{ answered: boolean; output: string }> => {
    const { exitCode, output } = await ctx.engine.containers.runOnce({
      image: PROBE_IMAGE,
      command: ["sh", "-c", LINE_CLIENT, "sh", line, String(options.port), String(tries)],
      labels: runLabels(ctx.runId, ctx.exercise.id),
      networkMode: `container:${container.id}`,
      timeoutMs: (tries * 0.25 + 10) * 1000,
    });
    return { answered: exitCode === 0, output: output.replace(/\r/g, "").trim() };
  };
  return {
    description: `TCP 127.0.0.1:${options.port}`,
    async write(ctx, container, key, value) {
      const reply = await send(ctx, container, options.writeLine(key, value));
      return { ok: reply.answered && options.written(reply.output), output: reply.output };
    },
    async read(ctx, container, key) {
      const reply = await send(ctx, container, options.readLine(key));
      const value = reply.answered ? options.value(reply.output) : undefined;
      return value === undefined ? { ok: false, output: reply.output } : { ok: true, value, output: reply.output };
    },
  };
}

/** $1 the request line, $2 the port, $3 the number of tries, 250 ms apart. */
const LINE_CLIENT = `
i=0
while [ "$i" -lt "$3" ]; do
  out=$(printf '%s\\n' "$1" | nc -w 3 127.0.0.1 "$2" 2>&1) && [ -n "$out" ] && { printf '%s\\n' "$out"; exit 0; }
  i=$((i + 1))
  sleep 0.25
done
printf 'no answer on 127.0.0.1:%s: %s\\n' "$2" "$out"
exit 1
`;

/**
 * A marker file in the data folder, written by `docker exec` as the container's configured user:
 * for apps without an interface of their own. Needs `sh` and `cat` in the image.
 */
export function dataFileProbe(dataDir: string): DataProbe {
  const path = (key: string) => `${dataDir.replace(/\/+$/, "")}/.dockgrade-${key}`;
  return {
    description: `${dataDir}/.dockgrade-*`,
    async write(_ctx, container, key, value) {
      const { exitCode, output } = await container.exec(["sh", "-c", 'printf "%s" "$2" > "$1"', "sh", path(key), value]);
      return { ok: exitCode === 0, output: output.trim() };
    },
    async read(_ctx, container, key) {
      const { exitCode, output } = await container.exec(["cat", path(key)]);
      return exitCode === 0 ? { ok: true, value: output, output } : { ok: false, output: output.trim() };
    },
  };
}
