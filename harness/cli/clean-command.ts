import { parseArgs } from "node:util";
import { connect } from "../engine/connect.ts";
import { sweepDeadRuns, type DeadRunSweep } from "../engine/sweep.ts";
import { UsageError } from "../kernel/errors.ts";
import { isRunAlive } from "../grading/run-lease.ts";
import { EXIT } from "./exit-codes.ts";

export const CLEAN_USAGE = `Usage: npm run clean -- [--kept]

Removes what grading runs of this machine left on the engine when they died (containers, networks,
volumes, images). Runs still going, here or on another machine sharing the engine, are left alone.
  --kept  also remove the images kept with \`grade --keep\` (tagged dockgrade-kept/...)`;

export async function cleanCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCleanArgs(argv);
  if (values.help) {
    process.stdout.write(`${CLEAN_USAGE}\n`);
    return EXIT.allPassed;
  }
  const swept = await sweepDeadRuns(await connect(), isRunAlive, { kept: values.kept });
  process.stdout.write(`${describeSweep(swept)}\n`);
  if (swept.otherHosts.length > 0) {
    process.stdout.write(
      `Left alone: ${swept.otherHosts.length} run(s) started from another machine on this engine (${swept.otherHosts.join(", ")}); run clean there.\n`,
    );
  }
  return EXIT.allPassed;
}

export function describeSweep(swept: DeadRunSweep): string {
  return `Removed ${swept.containers} container(s), ${swept.networks} network(s), ${swept.volumes} volume(s), ${swept.images} image(s) left by ${swept.runs.length} dead grading run(s).`;
}

function parseCleanArgs(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      options: { kept: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message, CLEAN_USAGE);
  }
}
