import { ContainerExitedError } from "../../engine/clients/container-exited-error.ts";
import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { pollUntil } from "./poll.ts";
import { ProbeError } from "./probes.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { onRunning, type RuntimeTarget } from "./target.ts";

/**
 * Regular files written since the container was created (outside /proc, /sys, /dev) that hold a
 * line matching `$1`: a log kept inside the container. `$2` is the age limit in minutes.
 */
const LOG_FILES_SCRIPT = `find / \\( -path /proc -o -path /sys -o -path /dev \\) -prune -o -type f -mmin -"$2" -exec grep -l -E -e "$1" {} + 2>/dev/null
true`;

/**
 * The app's lines reach `docker logs` (its stdout and stderr) and are not kept in files inside the
 * container, where nobody sees or rotates them. `pattern` is an extended regular expression (grep
 * -E), plain enough to mean the same in JavaScript. Lines in both places: half.
 */
export function logsOnStdoutCheck(options: { target: RuntimeTarget; pattern: string; withinSeconds: number }, overrides: CheckOverrides = {}) {
  const pattern = new RegExp(options.pattern);
  return defineCheck(
    {
      id: "logs-stdout",
      title: text("Journaux sur la sortie standard (`docker logs`), pas dans un fichier", "Logs on standard output (`docker logs`), not in a file"),
      points: 2,
      needs: options.target.needs,
      course: COURSE.containers.observability,
      hint: text(
        "Écrivez les journaux sur stdout/stderr (un simple `echo`), sans redirection vers un fichier : Docker les collecte, `docker logs -f` les montre et le pilote de journalisation les fait tourner. Pour une application qui tient à son fichier, faites de ce fichier un lien symbolique vers `/dev/stdout` (comme l'image officielle nginx).",
        "Write logs to stdout/stderr (a plain `echo`), with no redirection to a file: Docker collects them, `docker logs -f` shows them and the logging driver rotates them. For an app that insists on its file, make that file a symbolic link to `/dev/stdout` (as the official nginx image does).",
      ),
      timeoutMs: (options.withinSeconds + 30) * 1000,
      run: (ctx) =>
        onRunning(ctx, options.target, async (container) => {
          let unreadable: string | undefined;
          const line = await pollUntil(
            async () => {
              try {
                return (await container.logs({ tail: 300 })).split("\n").find((candidate) => pattern.test(candidate));
              } catch (error) {
                if (error instanceof ContainerExitedError) throw error;
                // `logging: driver: none` (or syslog…) leaves nothing for `docker logs` to read.
                unreadable = error instanceof Error ? error.message : String(error);
                return "";
              }
            },
            { deadline: Date.now() + options.withinSeconds * 1000, intervalMs: 500, signal: ctx.signal },
          );
          const info = await container.inspect();
          const minutes = Math.ceil((Date.now() - Date.parse(info.Created)) / 60_000) + 1;
          const found = await container.exec(["sh", "-c", LOG_FILES_SCRIPT, "sh", options.pattern, String(Number.isFinite(minutes) ? minutes : 60)]);
          if (found.exitCode !== 0)
            throw new ProbeError(`cannot look for log files inside the container (the image needs sh, find and grep): ${found.output.trim().slice(0, 300)}`);
          const files = found.output
            .split("\n")
            .map((path) => path.trim())
            .filter((path) => path.startsWith("/"));
          const inLogs = line !== undefined && line !== "";
          const details = `${unreadable ? `docker logs: ${unreadable}\n` : ""}logging driver: ${info.HostConfig.LogConfig?.Type ?? "?"}\n--- docker logs (last lines) ---\n${unreadable ? "" : await container.logs({ tail: 10 })}`;
          if (inLogs && files.length === 0) return passed(text(`Dans docker logs : « ${line.trim()} ».`, `In docker logs: "${line.trim()}".`));
          if (inLogs) {
            return failed(
              text(
                `Les lignes vont aussi dans un fichier du conteneur : ${files.join(", ")}.`,
                `The lines also go to a file inside the container: ${files.join(", ")}.`,
              ),
              {
                expected: "docker logs only",
                actual: `docker logs + ${files.join(", ")}`,
                details,
                credit: 0.5,
              },
            );
          }
          const where = files.length > 0 ? text(` ; elles sont écrites dans ${files.join(", ")}`, `; they are written to ${files.join(", ")}`) : text("", "");
          return failed(
            text(
              `Aucune ligne « ${options.pattern} » dans docker logs après ${options.withinSeconds} s${where.fr}.`,
              `No line matching "${options.pattern}" in docker logs after ${options.withinSeconds} s${where.en}.`,
            ),
            { expected: `docker logs: /${options.pattern}/`, actual: files.length > 0 ? files.join(", ") : "(nothing)", details },
          );
        }),
    },
    overrides,
  );
}
