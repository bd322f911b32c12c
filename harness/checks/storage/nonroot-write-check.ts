import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { locatedAt, serviceKey } from "../shared-setup/compose-lines.ts";
import { effectiveUids, taggedLines } from "./proc-readers.ts";
import { runningService } from "./service-container.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { storageSession } from "./storage-session.ts";

export interface NonRootWriteOptions {
  readonly service: string;
  readonly dataDir: string;
}

/** Effective UIDs of the exec'd shell (the configured user) and of PID 1 (the app); needs only `sh`. */
const UIDS = `for f in /proc/self/status /proc/1/status; do
  while IFS= read -r l; do case $l in Uid:*) echo "$f $l";; esac; done < "$f"
done`;

/** $1 the data folder, $2 a unique suffix: writes a file there, reads it back, removes it. */
const WRITE = `f="$1/.dockgrade-write-test-$2"
if err=$( { echo ok > "$f"; } 2>&1 ) && [ "$(cat "$f")" = ok ]; then rm -f "$f"; echo "WRITE_OK $1"
else echo "WRITE_FAILED $1 $err"; ls -ldn "$1" 2>&1; fi`;

/**
 * The app runs as a non-root user and that user can write its data folder: checked by exec'ing
 * as the container's configured user (not root), reading the effective UIDs the kernel reports,
 * and writing a file in the data folder.
 */
export function nonRootWriteCheck(options: NonRootWriteOptions, overrides: CheckOverrides = {}) {
  const { service, dataDir } = options;
  return defineCheck(
    {
      id: "storage-nonroot-write",
      title: text(`Un utilisateur non-root écrit dans ${dataDir}`, `A non-root user writes to ${dataDir}`),
      points: 3,
      needs: ["stack-up"],
      course: COURSE.storage.uidGid,
      hint: text(
        `Ne passez pas en root pour contourner « Permission denied » : donnez le dossier à l'utilisateur de l'app dans l'image (\`RUN mkdir -p ${dataDir} && chown -R 10001:10001 ${dataDir}\` avant \`USER 10001:10001\`). Au premier montage, un volume nommé vide est pré-rempli avec le contenu, le propriétaire et les droits de ce dossier. Vérifiez avec \`docker compose exec ${service} id\` et \`docker compose exec ${service} ls -ldn ${dataDir}\`.`,
        `Do not switch to root to get around "Permission denied": give the folder to the app's user in the image (\`RUN mkdir -p ${dataDir} && chown -R 10001:10001 ${dataDir}\` before \`USER 10001:10001\`). On first mount, an empty named volume is pre-populated with that folder's content, owner and permissions. Check with \`docker compose exec ${service} id\` and \`docker compose exec ${service} ls -ldn ${dataDir}\`.`,
      ),
      timeoutMs: 30_000,
      run: locatedAt(serviceKey(service, "user"), async (ctx) => {
        const session = await ctx.use(storageSession);
        const lookup = await runningService(session.stack, service);
        if (!lookup.ok) return lookup.verdict;
        const container = lookup.container;
        const ids = await container.exec(["sh", "-c", UIDS]);
        const uids = effectiveUids(ids.output);
        const execUid = uids.get("/proc/self/status");
        const appUid = uids.get("/proc/1/status");
        if (execUid === undefined || appUid === undefined) {
          return failed(
            text(
              "Impossible de lire l'UID des processus du conteneur (`sh` manque-t-il dans l'image ?).",
              "Could not read the UID of the container's processes (is `sh` missing from the image?).",
            ),
            {
              details: ids.output,
            },
          );
        }
        if (execUid === 0 || appUid === 0) {
          return failed(
            text(
              `Le conteneur tourne en root (UID 0) : qu'il écrive dans ${dataDir} ne prouve rien, et une faille dans l'app donnerait root.`,
              `The container runs as root (UID 0): that it can write to ${dataDir} proves nothing, and a flaw in the app would give root.`,
            ),
            { expected: "uid != 0", actual: `configured user uid ${execUid}, PID 1 uid ${appUid}` },
          );
        }
        const write = await container.exec(["sh", "-c", WRITE, "sh", dataDir, ctx.runId]);
        if (taggedLines(write.output, "WRITE_OK").has(dataDir)) {
          return passed(text(`L'UID ${execUid} écrit dans ${dataDir}.`, `UID ${execUid} writes to ${dataDir}.`));
        }
        return failed(text(`L'UID ${execUid} ne peut pas écrire dans ${dataDir}.`, `UID ${execUid} cannot write to ${dataDir}.`), {
          expected: `uid ${execUid} can write ${dataDir}`,
          actual: write.output.split("\n")[0]?.trim() ?? "",
          details: write.output,
        });
      }),
    },
    overrides,
  );
}
