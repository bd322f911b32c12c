import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { EXERCISES_ROOT, GRADERS_ROOT } from "../../../harness/exercise/project-paths.ts";
import { renameInZip, tarBytes, tgzBytes, zipBytes, type TarEntry } from "../../unit/batch/archives.ts";

/** The exercise every student of the class handed in, and its deadline. */
export const EXERCISE = "05-build/01-multi-stage";
export const DEADLINE = new Date("2026-06-30T21:59:00Z");
const ON_TIME = new Date(DEADLINE.getTime() - 24 * 3600_000);
const LATE = new Date(DEADLINE.getTime() + 2 * 3600_000);

const solution = join(EXERCISES_ROOT, EXERCISE, "solution");
const starter = join(EXERCISES_ROOT, EXERCISE, "starter");
const variant = (name: string) => join(GRADERS_ROOT, EXERCISE, "corpus", name);

export interface ClassSources {
  /** A folder of student folders and archives. */
  readonly classDir: string;
  /** One student's git repository: the solution before the deadline, the starter after. */
  readonly repository: string;
  readonly roster: string;
  /** Where a `..` entry of gabriel.zip would land if extraction let it out. */
  readonly escapeMarker: string;
}

/**
 * A class of 14: full marks, a starter, known-bad variants as folders and archives of each kind, hostile
 * archives (path escape, link, compression bomb, not an archive), a submission the policy refuses, a
 * late one, a git repository graded at the deadline, a student on the roster who handed nothing in,
 * and one the roster does not list.
 */
export async function buildClass(root: string): Promise<ClassSources> {
  const classDir = join(root, "classe");
  mkdirSync(classDir, { recursive: true });
  folder(join(classDir, "Alice Martin"), [solution], ON_TIME);
  folder(join(classDir, "bob"), [starter], ON_TIME);
  writeFileSync(join(classDir, "Chloé.zip"), await zipBytes(entries([solution], ON_TIME, "chloe/")));
  writeFileSync(join(classDir, "david.tar.gz"), await tgzBytes(entries([solution, variant("no-user")], ON_TIME)));
  writeFileSync(join(classDir, "emma.tar"), await tarBytes(entries([solution, variant("shell-form")], ON_TIME)));
  folder(join(classDir, "farid"), [solution, variant("broken-build")], ON_TIME);
  const escaping = await zipBytes([...entries([solution], ON_TIME), { name: "xx/escaped.txt", content: "out" }]);
  writeFileSync(join(classDir, "gabriel.zip"), renameInZip(escaping, "xx/escaped.txt", "../escaped.txt"));
  writeFileSync(join(classDir, "hugo.tgz"), await tgzBytes([...entries([solution], ON_TIME), { name: "passwd", type: "symlink", linkname: "/etc/passwd" }]));
  writeFileSync(join(classDir, "ines.zip"), await zipBytes([{ name: "Dockerfile", content: Buffer.alloc(20 * 1024 * 1024) }]));
  writeFileSync(join(classDir, "jules.zip"), "not a zip: I renamed my notes\n");
  folder(join(classDir, "karim"), [solution], ON_TIME);
  writeFileSync(
    join(classDir, "karim", "Dockerfile"),
    Buffer.concat([Buffer.from("# \xc9tape en Latin-1\n", "latin1"), readFileSync(join(solution, "Dockerfile"))]),
  );
  folder(join(classDir, "marc"), [solution, variant("no-healthcheck")], LATE);

  const repository = join(root, "lea");
  folder(repository, [solution], ON_TIME);
  const git = (date: Date, ...args: string[]) =>
    execFileSync("git", ["-C", repository, "-c", "user.name=Léa", "-c", "user.email=lea@ecole.fr", ...args], {
      env: { ...process.env, GIT_AUTHOR_DATE: date.toISOString(), GIT_COMMITTER_DATE: date.toISOString() },
    });
  execFileSync("git", ["init", "--quiet", repository]);
  git(new Date(DEADLINE.getTime() - 2 * 24 * 3600_000), "add", ".");
  git(new Date(DEADLINE.getTime() - 2 * 24 * 3600_000), "commit", "--quiet", "-m", "TP rendu");
  cpSync(join(starter, "Dockerfile"), join(repository, "Dockerfile"));
  git(new Date(DEADLINE.getTime() + 24 * 3600_000), "commit", "--quiet", "-am", "oops, after the deadline");

  const roster = join(root, "roster.csv");
  const rows = [
    ["Alice Martin", "2026-001", "Alice Martin"],
    ["chloe", "2026-003", "Chloé Petit"],
    ["david", "2026-004", "David"],
    ["emma", "2026-005", "Emma"],
    ["farid", "2026-006", "Farid"],
    ["gabriel", "2026-007", "Gabriel"],
    ["hugo", "2026-008", "Hugo"],
    ["ines", "2026-009", "Inès"],
    ["jules", "2026-010", "Jules"],
    ["karim", "2026-011", "Karim"],
    ["lea", "2026-012", "Léa"],
    ["marc", "2026-013", "Marc"],
    ["Nina", "2026-014", "Nina"],
  ];
  writeFileSync(roster, `folder;id;email;name\n${rows.map(([folder, id, name]) => `${folder};${id};${id}@ecole.fr;${name}`).join("\n")}\n`);
  return { classDir, repository, roster, escapeMarker: join(classDir, "escaped.txt") };
}

/** A student folder: the layers copied in order (a variant over the solution), every file dated `at`. */
function folder(dir: string, layers: readonly string[], at: Date): void {
  for (const layer of layers) cpSync(layer, dir, { recursive: true, filter: (source) => !source.endsWith("variant.yaml") });
  for (const entry of walk(dir)) utimesSync(entry, at, at);
}

/** The same layers as archive entries, under `prefix`. */
function entries(layers: readonly string[], at: Date, prefix = ""): (TarEntry & { mtime: Date })[] {
  const files = new Map<string, string>();
  for (const layer of layers) for (const file of walk(layer)) if (!file.endsWith("variant.yaml")) files.set(relative(layer, file), file);
  return [...files].map(([name, file]) => ({ name: `${prefix}${name}`, content: readFileSync(file), mtime: at, mode: statSync(file).mode & 0o777 }));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}
