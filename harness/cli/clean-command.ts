import { connect } from "../engine/connect.ts";
import { sweepRuns } from "../engine/sweep.ts";
import { EXIT } from "./exit-codes.ts";

export async function cleanCommand(): Promise<number> {
  const swept = await sweepRuns(await connect());
  process.stdout.write(
    `Removed ${swept.containers} container(s), ${swept.networks} network(s), ${swept.volumes} volume(s), ${swept.images} image(s) left by grading runs.\n`,
  );
  return EXIT.allPassed;
}
