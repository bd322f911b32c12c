import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Exercise } from "../../harness/exercise/exercise.ts";
import { text } from "../../harness/kernel/text.ts";

/** A throw-away exercise around a hand-written Compose project, for testing library checks. */
export function composeExercise(dir: string, compose: { files?: string[]; profiles?: string[] } = {}): Exercise {
  return {
    id: "06-compose/98-library-test",
    dir,
    title: text("t", "t"),
    chapter: "06",
    submission: { required: compose.files ?? ["compose.yaml"] },
    baseImages: ["busybox:1.37"],
    policy: { allow: [], capAdd: [] },
    compose: { files: compose.files ?? ["compose.yaml"], profiles: compose.profiles ?? [], buildTimeoutSeconds: 120, startupTimeoutSeconds: 60 },
  };
}

/** Project folders written for one test file; `cleanUp` removes them all. */
export class ProjectDirs {
  private readonly dirs: string[] = [];

  async create(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "dockgrade-test-project-"));
    // mkdtemp makes it 0700: readable by the containers' non-root users, like a student's folder.
    await chmod(dir, 0o755);
    this.dirs.push(dir);
    for (const [name, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), content);
    }
    return dir;
  }

  cleanUp(): Promise<unknown> {
    return Promise.all(this.dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}
