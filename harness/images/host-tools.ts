import { constants } from "node:fs";
import { access, open } from "node:fs/promises";
import { delimiter, join } from "node:path";

/**
 * Where the host's tools are. The sbin directories are searched too: debootstrap lives in
 * /usr/sbin, which is often missing from PATH when the grader is not started from a root login shell.
 */
const SBIN_DIRS = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

export async function findExecutable(name: string): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), ...SBIN_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return undefined;
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

const PT_INTERP = 3;

/**
 * True when the ELF file asks for no program interpreter (no PT_INTERP header), i.e. it is statically
 * linked and runs in an image that has no libc (a docker CLI built statically needs no libraries copied).
 */
export async function isStaticExecutable(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const header = Buffer.alloc(64);
    await file.read(header, 0, 64, 0);
    if (header.readUInt32BE(0) !== 0x7f454c46) return false;
    const is64 = header[4] === 2;
    const little = header[5] === 1;
    const u16 = (buf: Buffer, at: number): number => (little ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
    const u32 = (buf: Buffer, at: number): number => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
    const tableOffset = is64 ? Number(little ? header.readBigUInt64LE(0x20) : header.readBigUInt64BE(0x20)) : u32(header, 0x1c);
    const entrySize = u16(header, is64 ? 0x36 : 0x2a);
    const entries = u16(header, is64 ? 0x38 : 0x2c);
    const table = Buffer.alloc(entrySize * entries);
    await file.read(table, 0, table.length, tableOffset);
    for (let index = 0; index < entries; index++) {
      if (u32(table, index * entrySize) === PT_INTERP) return false;
    }
    return true;
  } finally {
    await file.close();
  }
}
