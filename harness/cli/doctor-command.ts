import { existsSync } from "node:fs";
import { statfs } from "node:fs/promises";
import { connect } from "../engine/connect.ts";
import { BASE_IMAGE_LABEL } from "../kernel/run-labels.ts";
import { listExerciseIds, loadExercise } from "../exercise/exercise-catalog.ts";
import { describeBuildSandbox, detectBuildSandbox } from "../engine/build/build-cgroup-support.ts";
import { EXIT } from "./exit-codes.ts";

/** What the grader will use, in the order a user debugging a setup needs it. */
export async function doctorCommand(): Promise<number> {
  const engine = await connect();
  const info = await engine.info();
  const compose = await engine.compose.version();
  const lines = [
    `endpoint      ${engine.endpoint.host} (from ${engine.endpoint.source})`,
    `engine        ${info.serverVersion} (API ${info.apiVersion}), ${info.os}, ${info.architecture}`,
    `buildx        ${(await engine.builder.version()) ?? "MISSING: install docker-buildx (BuildKit client)"}`,
    `compose       ${compose === undefined ? "MISSING: install the Compose v2 plugin" : `v${compose}`}`,
    `cgroup        v${info.cgroupVersion}`,
    `build sandbox ${describeBuildSandbox(await detectBuildSandbox(engine.endpoint.host))}`,
    `storage       ${info.storageDriver}, ${await freeDisk(info.dockerRootDir)}`,
    "base images:",
  ];
  const refs = new Set<string>();
  for (const id of await listExerciseIds()) for (const ref of (await loadExercise(id)).baseImages) refs.add(ref);
  for (const ref of [...refs].sort()) {
    if (!(await engine.images.exists(ref))) {
      lines.push(`  ${ref.padEnd(24)} absent (npm run images prepares it)`);
      continue;
    }
    const image = await engine.images.inspect(ref);
    const origin = image.config.Labels?.[BASE_IMAGE_LABEL] ?? "pulled";
    lines.push(`  ${ref.padEnd(24)} present, ${(image.size / 1e6).toFixed(1)} MB, ${origin}`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.allPassed;
}

/** Free space where the engine keeps images; only measurable when the engine runs on this machine. */
async function freeDisk(dockerRootDir: string): Promise<string> {
  if (!existsSync(dockerRootDir)) return `free disk unknown (${dockerRootDir} is not on this machine)`;
  const stats = await statfs(dockerRootDir);
  return `${((stats.bavail * stats.bsize) / 1e9).toFixed(1)} GB free in ${dockerRootDir}`;
}
