import { constants } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import { join } from "node:path";
import { ArchiveRefusedError, type ArchiveRefusal, type RefusalContext } from "./archive-refusal.ts";
import { safeEntryPath } from "./entry-path.ts";

export interface ArchiveCaps {
  /** Entries of any kind, folders included. */
  readonly entries: number;
  /** Bytes actually written, whatever the archive declares. */
  readonly bytes: number;
  /** Bytes written over the archive's size on disk. */
  readonly ratio: number;
}

const MIB = 1024 * 1024;

/** A course submission is a few files of text; a class's largest is a few MiB with its assets. */
export const DEFAULT_ARCHIVE_CAPS: ArchiveCaps = { entries: 20_000, bytes: 200 * MIB, ratio: 200 };

/**
 * Small archives of text legitimately reach high ratios (a tiny .tar.gz of a few empty-ish files);
 * a bomb only matters once it writes a lot, so the ratio is enforced past this many bytes.
 */
const RATIO_GRACE_BYTES = MIB;

export type EntryKind = "file" | "directory" | "link" | "special";

/**
 * Where one archive's entries land, and the ledger that refuses them: every cap, every name check
 * and the duplicate check happen here, so the zip and tar readers share them. Links are never
 * written, so every folder below `destDir` is one this target made and no write can be redirected.
 */
export class ExtractionTarget {
  private entries = 0;
  private bytes = 0;
  private readonly files = new Set<string>();
  private readonly directories = new Set<string>([""]);

  constructor(
    private readonly archiveName: string,
    private readonly destDir: string,
    private readonly caps: ArchiveCaps,
    private readonly archiveBytes: number,
  ) {}

  /** A zip declares its entry count up front: past the cap, refuse before writing anything. */
  expectEntries(count: number): void {
    if (count > this.caps.entries) this.refuse("too-many-entries", undefined, { cap: this.caps.entries });
  }

  /** Counts the entry and checks its name and kind; returns the relative path to write. */
  admit(name: string, kind: EntryKind): string {
    this.entries += 1;
    if (this.entries > this.caps.entries) this.refuse("too-many-entries", undefined, { cap: this.caps.entries });
    const checked = safeEntryPath(name);
    if (!checked.ok) this.refuse(checked.reason, name);
    if (kind === "link") this.refuse("link", name);
    if (kind === "special") this.refuse("special-file", name);
    const path = checked.path;
    if (this.files.has(path) || (kind === "file" && this.directories.has(path))) this.refuse("duplicate", name);
    return path;
  }

  async makeDirectory(path: string): Promise<void> {
    const parts = path === "" ? [] : path.split("/");
    for (let depth = 1; depth <= parts.length; depth += 1) {
      const folder = parts.slice(0, depth).join("/");
      if (this.directories.has(folder)) continue;
      if (this.files.has(folder)) this.refuse("duplicate", folder);
      await mkdir(join(this.destDir, folder), { mode: 0o755 });
      this.directories.add(folder);
    }
  }

  /**
   * Writes one file, counting its bytes as they come; only the execute bit of `mode` survives. The
   * entry's date is kept: it is when the student last changed the file, which a late flag compares.
   */
  async writeFile(path: string, mode: number, content: AsyncIterable<Buffer>, modified?: Date): Promise<void> {
    const slash = path.lastIndexOf("/");
    await this.makeDirectory(slash < 0 ? "" : path.slice(0, slash));
    this.files.add(path);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
    const file = await open(join(this.destDir, path), flags, 0o600);
    try {
      for await (const chunk of content) {
        this.count(chunk.length, path);
        await file.write(chunk);
      }
      // chmod, not the open mode, so the umask cannot change it and no setuid bit can come through.
      await file.chmod((mode & 0o111) !== 0 ? 0o755 : 0o644);
      if (modified !== undefined && !Number.isNaN(modified.getTime())) await file.utimes(modified, modified);
    } finally {
      await file.close();
    }
  }

  private count(bytes: number, path: string): void {
    this.bytes += bytes;
    if (this.bytes > this.caps.bytes) {
      this.refuse("too-many-bytes", path, { cap: this.caps.bytes });
    }
    if (this.bytes > RATIO_GRACE_BYTES && this.bytes > this.caps.ratio * this.archiveBytes) {
      this.refuse("compression-ratio", path, { cap: this.caps.ratio });
    }
  }

  private refuse(reason: ArchiveRefusal, entry?: string, context?: RefusalContext): never {
    throw new ArchiveRefusedError(this.archiveName, reason, entry, context);
  }
}
