import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { locatedAt, serviceKey } from "../shared-setup/compose-lines.ts";
import { mountTable, taggedLines } from "./proc-readers.ts";
import { runningService } from "./service-container.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { storageSession } from "./storage-session.ts";

export interface ReadOnlyTmpfsOptions {
  readonly service: string;
  /** Folders that must be writable tmpfs mounts on the read-only root. */
  readonly tmpfs?: readonly string[];
}

/** The mount table, then a write in each folder given as argument, as the configured user. */
const MOUNTS_AND_WRITES = `while IFS= read -r l; do echo "MOUNT $l"; done < /proc/mounts
for d in "$@"; do
  f="$d/.dockgrade-tmpfs-test"
  if err=$( { echo ok > "$f"; } 2>&1 ); then rm -f "$f"; echo "WRITE_OK $d"; else echo "WRITE_FAILED $d $err"; fi
done`;

/** As root, so that only a read-only file system (not file permissions) can refuse the write. */
const ROOT_WRITE = `if err=$( { echo ok > /.dockgrade-ro-test; } 2>&1 ); then rm -f /.dockgrade-ro-test; echo "ROOT_WRITABLE /"; else echo "ROOT_READONLY / $err"; fi`;

/**
 * `read_only: true` with tmpfs for the folders the app writes at run time: the root file system
 * refuses writes (even root's), and each tmpfs folder is a tmpfs the app's user can write.
 * Each of these facts earns its share of the points.
 */
export function readOnlyTmpfsCheck(options: ReadOnlyTmpfsOptions, overrides: CheckOverrides = {}) {
  const { service } = options;
  const folders = options.tmpfs ?? ["/tmp", "/run"];
  return defineCheck(
    {
      id: "storage-readonly-tmpfs",
      title: text(`Racine en lecture seule, tmpfs inscriptibles sur ${folders.join(" et ")}`, `Read-only root, writable tmpfs on ${folders.join(" and ")}`),
      points: 2,
      needs: ["stack-up"],
      course: COURSE.storage.readOnlyTmpfs,
      hint: text(
        `Dans le service : \`read_only: true\` et \`tmpfs: [${folders.join(", ")}]\` (avec une taille, par exemple \`/tmp:size=16m\`). Le système de fichiers de l'image devient immuable ; l'app écrit ses fichiers temporaires et son PID en mémoire, et ses données dans le volume.`,
        `In the service: \`read_only: true\` and \`tmpfs: [${folders.join(", ")}]\` (with a size, for example \`/tmp:size=16m\`). The image's file system becomes immutable; the app writes its temporary files and PID in memory, and its data in the volume.`,
      ),
      timeoutMs: 30_000,
      run: locatedAt(serviceKey(service, "read_only"), async (ctx) => {
        const session = await ctx.use(storageSession);
        const lookup = await runningService(session.stack, service);
        if (!lookup.ok) return lookup.verdict;
        const container = lookup.container;
        const [inspected, probe, rootProbe] = await Promise.all([
          container.inspect(),
          container.exec(["sh", "-c", MOUNTS_AND_WRITES, "sh", ...folders]),
          container.exec(["sh", "-c", ROOT_WRITE], { user: "0" }),
        ]);
        const mounts = mountTable(probe.output);
        const writes = taggedLines(probe.output, "WRITE_OK");
        const refusals = taggedLines(probe.output, "WRITE_FAILED");
        const root = mounts.get("/");
        const rootReadOnly =
          inspected.HostConfig.ReadonlyRootfs === true && root?.options.includes("ro") === true && taggedLines(rootProbe.output, "ROOT_READONLY").has("/");
        const facts = [
          {
            ok: rootReadOnly,
            line: `/: ${rootReadOnly ? "read-only" : `writable (ReadonlyRootfs=${inspected.HostConfig.ReadonlyRootfs === true}, ${root?.options.slice(0, 1).join("") ?? "?"})`}`,
          },
          ...folders.map((folder) => {
            const fstype = mounts.get(folder)?.fstype ?? "(not a mount)";
            const writable = writes.has(folder);
            const ok = fstype === "tmpfs" && writable;
            const refusal = refusals.get(folder);
            return { ok, line: `${folder}: ${fstype}, ${writable ? "writable" : `not writable${refusal ? ` (${refusal})` : ""}`}` };
          }),
        ];
        const good = facts.filter((fact) => fact.ok).length;
        const actual = facts.map((fact) => fact.line).join("\n");
        if (good === facts.length) {
          return passed(
            text(`Racine en lecture seule ; ${folders.join(", ")} en tmpfs inscriptibles.`, `Read-only root; ${folders.join(", ")} are writable tmpfs.`),
            actual,
          );
        }
        return failed(
          text(
            `${facts.length - good} condition(s) sur ${facts.length} non remplie(s) : racine en lecture seule, tmpfs inscriptibles.`,
            `${facts.length - good} of ${facts.length} conditions not met: read-only root, writable tmpfs.`,
          ),
          { expected: ["/: read-only", ...folders.map((folder) => `${folder}: tmpfs, writable`)].join("\n"), actual, credit: good / facts.length },
        );
      }),
    },
    overrides,
  );
}
