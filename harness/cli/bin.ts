import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidConfigError } from "../config/strict-yaml.ts";
import { EngineUnavailableError } from "../engine/engine-errors.ts";
import { UngradableSubmissionError, UsageError } from "../kernel/errors.ts";
import { batchCommand } from "./batch-command.ts";
import { cleanCommand } from "./clean-command.ts";
import { doctorCommand } from "./doctor-command.ts";
import { EXIT } from "./exit-codes.ts";
import { gradeCommand } from "./grade-command.ts";
import { imagesCommand } from "./images-command.ts";
import { mergeCommand } from "./merge-command.ts";
import { prCommand } from "./pr-command.ts";
import { renderCommand } from "./render-command.ts";

const COMMANDS: Record<string, (argv: readonly string[], signal: AbortSignal) => Promise<number>> = {
  grade: gradeCommand,
  batch: batchCommand,
  merge: mergeCommand,
  doctor: doctorCommand,
  images: imagesCommand,
  clean: cleanCommand,
  pr: prCommand,
  render: renderCommand,
};

const USAGE = `Usage: dockgrade <command> [options]
  grade    grade a submission (npm run grade -- --help)
  batch    grade a class: folders, archives, git repositories (npm run grade:batch -- --help)
  merge    join the shards of a batch graded in parts (npm run grade:merge -- --help)
  doctor   show the Docker engine, BuildKit, Compose and base images the grader will use
  images   prepare the exercises' base images ahead of time (offline builds where no registry answers)
  clean    remove what grading runs that died left on the engine (npm run clean -- --help)
  pr       grade the exercises a pull request changed, with CI reports (npm run grade:pr -- --help)
  render   render a saved result.json again, in either language (npm run render -- --help)`;

/**
 * The one top-level handler: typed errors become a short message and their exit code; anything
 * else is a grader bug and keeps its stack. The first Ctrl-C cancels and cleans up, a second one
 * leaves at once.
 */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT.usageOrUngradable;
  }
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write("dockgrade: interrupted, cleaning up (Ctrl-C again to leave now)\n");
    controller.abort();
  };
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onInterrupt);
  try {
    return await command(rest, controller.signal);
  } catch (error) {
    return reportError(error);
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onInterrupt);
  }
}

function reportError(error: unknown): number {
  if (error instanceof EngineUnavailableError) {
    process.stderr.write(`dockgrade: ${error.message}\n`);
    return EXIT.noEngine;
  }
  if (error instanceof UsageError || error instanceof UngradableSubmissionError) {
    process.stderr.write(`dockgrade: ${error.message}\n${error.hint}\n`);
    return EXIT.usageOrUngradable;
  }
  if (error instanceof InvalidConfigError) {
    process.stderr.write(`dockgrade: invalid configuration:\n${error.message}\n`);
    return EXIT.usageOrUngradable;
  }
  // A grader bug: one line for the user, the stack in a file they can attach to their report.
  const trace = join(tmpdir(), `dockgrade-error-${Date.now()}.txt`);
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  writeFileSync(trace, `${detail}\n`);
  process.stderr.write(
    `dockgrade: internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug of the grader, not of your work: please report it with ${trace}.\n`,
  );
  return 70;
}

// Exit explicitly: keep-alive sockets to the engine must not hold the process open. Writes to
// pipes, files and terminals are synchronous on Linux and macOS, so no output is lost.
process.exit(await main(process.argv.slice(2)));
