import { readFile, stat } from "node:fs/promises";
import type { ComposeModel } from "../../engine/compose-model.ts";
import { secretFile } from "./secret-rules.ts";

/** A secret file larger than this is not a password; it is not compared with anything. */
const MAX_SECRET_BYTES = 64 * 1024;

/**
 * The values of the project's file secrets that lie inside the submission, as a service reads
 * them (trailing newline dropped, as `$(cat file)` does). Missing files are left out: `up` says so.
 */
export async function readSecretValues(model: ComposeModel, root: string): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const name of Object.keys(model.secrets ?? {})) {
    const file = secretFile(model, name, root);
    if (!file) continue;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || info.size > MAX_SECRET_BYTES) continue;
    values.set(name, (await readFile(file, "utf8")).trimEnd());
  }
  return values;
}
