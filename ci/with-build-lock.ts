import { $ } from "zx";
import { connect } from "../harness/engine/connect.ts";
import { oneBuildAtATime } from "../harness/engine/clients/buildx-builder.ts";

/**
 * `npx tsx ci/with-build-lock.ts docker buildx build …`: runs a hand-typed build while holding the
 * engine's build lock, so that it never overlaps a grader's build (Engine 26.1's BuildKit can
 * panic when builds overlap).
 */
const command = process.argv.slice(2);
if (command.length === 0) {
  process.stderr.write("usage: npx tsx ci/with-build-lock.ts <command> [args...]\n");
  process.exit(2);
}
const engine = await connect();
const outcome = await oneBuildAtATime(engine.endpoint.host, undefined, async () => {
  const started = Date.now();
  const result = await $({ nothrow: true, stdio: "inherit" })`${command}`;
  return result.exitCode === 0
    ? { ok: true, imageId: "", log: "", durationMs: Date.now() - started }
    : { ok: false, reason: "failed", log: "", durationMs: Date.now() - started };
});
process.exit(outcome.ok ? 0 : 1);
