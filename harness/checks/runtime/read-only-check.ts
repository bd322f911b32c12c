import { text } from "../../kernel/text.ts";
import { failed, passed } from "../../kernel/check.ts";
import { defineCheck, type CheckOverrides } from "../define-check.ts";
import { COURSE } from "../../kernel/course-outline.ts";
import { ProbeError } from "./probes.ts";
import { onRunning, type RuntimeTarget } from "./target.ts";
import { parseWriteProbe, WRITE_PROBE_SCRIPT, type WriteAttempt } from "./write-probe.ts";

/** Folders of the image itself, owned by root in every image. */
const DEFAULT_PROTECTED = ["/", "/etc", "/usr"];

/**
 * Writing outside the declared tmpfs and volumes fails with EROFS, and writing inside them works.
 * The first half writes as root (the owner of / and /etc, so only a read-only mount can refuse it,
 * even with every capability dropped); the second as the container's own user, who must be able to
 * work. Each half earns half the points. Needs `sh`, `touch` and `rm` in the image.
 */
export function readOnlyRootCheck(
  options: { target: RuntimeTarget; writable: readonly string[]; protectedPaths?: readonly string[] },
  overrides: CheckOverrides = {},
) {
  const protectedPaths = options.protectedPaths ?? DEFAULT_PROTECTED;
  const writable = options.writable.join(", ");
  return defineCheck(
    {
      id: "read-only-rootfs",
      title: text(
        `Système de fichiers racine en lecture seule, ${writable} inscriptible${options.writable.length > 1 ? "s" : ""}`,
        `Read-only root filesystem, ${writable} writable`,
      ),
      points: 2,
      needs: options.target.needs,
      course: COURSE.storage.readOnlyTmpfs,
      hint: text(
        `Ajoutez \`read_only: true\` au service, puis un \`tmpfs\` (ou un volume) pour chaque dossier où l'application écrit : ${writable}. Un attaquant ne peut alors plus modifier les binaires ni la configuration de l'image.`,
        `Add \`read_only: true\` to the service, then a \`tmpfs\` (or a volume) for every folder the app writes to: ${writable}. An attacker can then no longer change the image's binaries or configuration.`,
      ),
      run: (ctx) =>
        onRunning(ctx, options.target, async (container) => {
          const attempt = async (paths: readonly string[], user?: string) => {
            const { exitCode, output } = await container.exec(["sh", "-c", WRITE_PROBE_SCRIPT, "sh", ...paths], user ? { user } : {});
            const attempts = parseWriteProbe(output);
            if (exitCode !== 0 || attempts.length !== paths.length)
              throw new ProbeError(`write probe failed (the image needs sh and touch): ${output.trim().slice(0, 300)}`);
            return attempts;
          };
          const [outside, inside, info] = await Promise.all([attempt(protectedPaths, "0"), attempt(options.writable), container.inspect()]);
          const stillWritable = outside.filter((probe) => probe.result !== "read-only" && probe.result !== "absent");
          const notWritable = inside.filter((probe) => probe.result !== "writable");
          const details = [
            `read_only: ${info.HostConfig.ReadonlyRootfs === true}, tmpfs: ${JSON.stringify(info.HostConfig.Tmpfs ?? {})}, mounts: ${info.Mounts.map((mount) => `${mount.Type}:${mount.Destination}`).join(", ") || "(none)"}`,
            ...[...outside.map((probe) => ["root", probe] as const), ...inside.map((probe) => ["app user", probe] as const)].map(
              ([who, probe]) => `${who} writes ${probe.path}: ${probe.raw}`,
            ),
          ].join("\n");
          if (stillWritable.length === 0 && notWritable.length === 0) {
            return passed(
              text(`Racine en lecture seule ; ${writable} inscriptible${options.writable.length > 1 ? "s" : ""}.`, `Root read-only; ${writable} writable.`),
              details,
            );
          }
          const problems = [
            ...(stillWritable.length > 0
              ? [text(`on peut encore écrire dans l'image : ${list(stillWritable)}`, `the image can still be written to: ${list(stillWritable)}`)]
              : []),
            ...(notWritable.length > 0
              ? [text(`l'application ne peut pas écrire dans : ${list(notWritable)}`, `the app cannot write to: ${list(notWritable)}`)]
              : []),
          ];
          const credit = (stillWritable.length === 0 ? 0.5 : 0) + (notWritable.length === 0 ? 0.5 : 0);
          return failed(
            text(
              sentence(
                problems.map((problem) => problem.fr),
                " ; ",
              ),
              sentence(
                problems.map((problem) => problem.en),
                "; ",
              ),
            ),
            {
              expected: `${protectedPaths.join(" ")}: read-only; ${options.writable.join(" ")}: writable`,
              actual: [...stillWritable, ...notWritable].map((probe) => `${probe.path}: ${probe.raw}`).join("\n"),
              details,
              credit,
            },
          );
        }),
    },
    overrides,
  );
}

function list(attempts: readonly WriteAttempt[]): string {
  return attempts.map((attempt) => attempt.path).join(", ");
}

/** French puts a space before the semicolon, English does not. */
function sentence(parts: readonly string[], separator: string): string {
  const joined = parts.join(separator);
  return `${joined.charAt(0).toUpperCase()}${joined.slice(1)}.`;
}
