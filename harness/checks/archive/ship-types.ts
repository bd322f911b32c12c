import type { Text } from "../../kernel/text.ts";
import type { ContainedRun } from "../../engine/script/script-client.ts";
import type { Fixture } from "../context.ts";
import type { BackupFile } from "../storage/script-workspace.ts";
import type { ArchiveStructure } from "./archive-structure.ts";

/**
 * What the shipping scenario yields (ship-plan.ts) and what loading its archive back yields
 * (archive-load.ts): the plan names both fixtures, each module makes one.
 */
export interface ShippedArchive {
  readonly path: string;
  /** Why the archive could not be read as a tar (or tar.gz); else its structure. */
  readonly unreadable?: string;
  readonly structure?: ArchiveStructure;
}

export interface ShipOutcome {
  readonly run: ContainedRun;
  readonly repository: string;
  /** Regular files the script left in $OUT_DIR. */
  readonly files: readonly BackupFile[];
  /** The one archive of $OUT_DIR, when there is exactly one. */
  readonly archive?: ShippedArchive;
}

export interface ShipPlan {
  readonly script: string;
  readonly scriptTimeoutSeconds: number;
  readonly tags: readonly string[];
  /** `<repository>:<tag>` for each required tag. */
  requiredRefs(repository: string): string[];
  readonly shipped: Fixture<ShipOutcome>;
  /** The archive loaded back through the engine (archive-load.ts). */
  readonly loaded: Fixture<LoadOutcome>;
}

export type LoadOutcome =
  | { readonly loaded: true; readonly output: string /** Required refs that now name the built image. */; readonly refs: readonly string[] }
  | { readonly loaded: false; readonly reason: Text; readonly output?: string };
