import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PROJECT_ROOT } from "../harness/exercise/project-paths.ts";
import type { Benchmark, Measure } from "./measure.ts";
import { baseImagesBenchmark } from "./measures/base-images.ts";
import { batchBenchmark } from "./measures/batch.ts";
import { overheadBenchmark } from "./measures/overhead.ts";
import { renderBenchmark } from "./measures/render.ts";
import { solutionsBenchmark } from "./measures/solutions.ts";
import { teardownBenchmark } from "./measures/teardown.ts";

const BENCHMARKS: readonly Benchmark[] = [overheadBenchmark, teardownBenchmark, batchBenchmark, renderBenchmark, baseImagesBenchmark, solutionsBenchmark];

/**
 * `npm run bench [-- NAME...]`: runs the benchmarks (all, or those named), prints each figure beside
 * its target, and writes bench/results.json. A benchmark, not a test: it exits 0 whether targets are
 * met or not, and 1 only when a benchmark could not run.
 */
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Known: ${BENCHMARKS.map((benchmark) => benchmark.name).join(", ")}.`);
  process.exit(2);
}
const results: Measure[] = [];
let broken = 0;
for (const benchmark of BENCHMARKS.filter((candidate) => (wanted.length === 0 ? !candidate.onlyWhenNamed : wanted.includes(candidate.name)))) {
  console.log(`# ${benchmark.name}: ${benchmark.description}`);
  try {
    results.push(...(await benchmark.run((line) => console.log(`  ${line}`))));
  } catch (error) {
    broken += 1;
    console.error(`  ${benchmark.name} could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
const width = Math.max(...results.map((result) => result.name.length), 10);
console.log(`\n${"figure".padEnd(width)}  ${"value".padStart(10)}  unit    target     met`);
for (const result of results) {
  const met = result.met === undefined ? "" : result.met ? "yes" : "NO";
  console.log(`${result.name.padEnd(width)}  ${String(result.value).padStart(10)}  ${result.unit.padEnd(6)}  ${(result.target ?? "").padEnd(9)}  ${met}`);
}
await mkdir(join(PROJECT_ROOT, "bench"), { recursive: true });
await writeFile(join(PROJECT_ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
process.exit(broken === 0 ? 0 : 1);
