import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { pack, type Header } from "tar-stream";
import { ZipFile } from "yazl";

/** Builders for the archives the tests feed the extractor, hostile ones included. */

export type TarEntry = Partial<Header> & { readonly name: string; readonly content?: string | Buffer };

export async function tarBytes(entries: readonly TarEntry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve) => archive.on("end", () => resolve()));
  for (const { content, ...header } of entries) {
    await new Promise<void>((resolve, reject) => {
      archive.entry(header, content ?? "", (error) => (error ? reject(error) : resolve()));
    });
  }
  archive.finalize();
  await ended;
  return Buffer.concat(chunks);
}

export async function tgzBytes(entries: readonly TarEntry[]): Promise<Buffer> {
  return gzipSync(await tarBytes(entries));
}

export interface ZipEntry {
  readonly name: string;
  readonly content?: string | Buffer;
  readonly mode?: number;
  readonly directory?: boolean;
  readonly mtime?: Date;
}

export async function zipBytes(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries) {
    if (entry.directory) zip.addEmptyDirectory(entry.name);
    else {
      const content = Buffer.from(entry.content ?? "");
      // An empty file is stored, not deflated: yazl would run one zlib stream per entry, and the entry-cap test writes twenty thousand.
      const options = {
        compress: content.length > 0,
        ...(entry.mode === undefined ? {} : { mode: entry.mode }),
        ...(entry.mtime === undefined ? {} : { mtime: entry.mtime }),
      };
      zip.addBuffer(content, entry.name, options);
    }
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * yazl refuses to write hostile names, so the test writes a harmless one of the same length and
 * swaps the bytes in the local header and the central directory.
 */
export function renameInZip(zip: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error("names must have the same length");
  const patched = Buffer.from(zip);
  let at = patched.indexOf(from);
  let swapped = 0;
  while (at >= 0) {
    patched.write(to, at);
    swapped += 1;
    at = patched.indexOf(from, at + 1);
  }
  if (swapped === 0) throw new Error(`${from} not found in the zip`);
  return patched;
}

/** A fresh folder holding the archive; the extraction goes to `dest` inside it, so `root` is "just outside". */
export function workspace(fileName: string, bytes: Buffer): { root: string; archive: string; dest: string } {
  const root = scratchDir();
  const archive = join(root, fileName);
  writeFileSync(archive, bytes);
  return { root, archive, dest: join(root, "dest") };
}

const scratch: string[] = [];

export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "dockgrade-batch-"));
  scratch.push(dir);
  return dir;
}

/** For `afterAll`: the tests' folders go, whatever they hold. */
export function removeScratchDirs(): void {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
}
