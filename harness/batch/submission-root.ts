import { readdir } from "node:fs/promises";
import { join } from "node:path";

/** Files that only a submission holds at its root, never a class folder. */
const WORK_FILE = /^(Dockerfile|Containerfile)(\..+)?$|^(docker-)?compose(\..+)?\.ya?ml$|^\.dockerignore$|^\.dockgrade\.yaml$/i;

/**
 * Where the work starts in an extracted archive: `zip -r alice.zip alice/` wraps everything in one
 * folder (sometimes two, `alice/tp05/`), so go down while a folder holds a single folder and nothing else.
 */
export async function submissionRoot(dir: string): Promise<string> {
  let root = dir;
  for (let depth = 0; depth < 3; depth += 1) {
    const entries = await visible(root);
    const only = entries.length === 1 ? entries[0] : undefined;
    if (!only?.isDirectory()) return root;
    root = join(root, only.name);
  }
  return root;
}

/** Whether a folder is one student's work (a Dockerfile or compose file at its root) rather than a class. */
export async function holdsOneSubmission(dir: string): Promise<boolean> {
  return (await visible(dir)).some((entry) => entry.isFile() && WORK_FILE.test(entry.name)) || (await readdir(dir)).includes(".dockgrade.yaml");
}

async function visible(dir: string) {
  return (await readdir(dir, { withFileTypes: true })).filter((entry) => !entry.name.startsWith(".") && entry.name !== "__MACOSX");
}
