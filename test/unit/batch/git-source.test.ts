import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkoutGitSource, GitSourceError } from "../../../harness/batch/git-source.ts";
import { removeScratchDirs, scratchDir } from "./archives.ts";

afterAll(removeScratchDirs);

const MONDAY = "2024-03-04T10:00:00Z";
const WEDNESDAY = "2024-03-06T10:00:00Z";

function git(repo: string, args: string[], date?: string): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "Élève",
    GIT_AUTHOR_EMAIL: "eleve@example.invalid",
    GIT_COMMITTER_NAME: "Élève",
    GIT_COMMITTER_EMAIL: "eleve@example.invalid",
    ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
  };
  return execFileSync("git", ["-C", repo, ...args], { env, encoding: "utf8" }).trim();
}

/** A student's repository: a first commit on Monday, a second one on Wednesday after the deadline. */
function studentRepo(): { repo: string; first: string; second: string } {
  const repo = scratchDir();
  git(repo, ["init", "--quiet", "--initial-branch=main"]);
  writeFileSync(join(repo, "Dockerfile"), "FROM busybox:1.37\n");
  git(repo, ["add", "."]);
  git(repo, ["commit", "--quiet", "-m", "premier rendu"], MONDAY);
  const first = git(repo, ["rev-parse", "HEAD"]);
  writeFileSync(join(repo, "Dockerfile"), "FROM debian:12-slim\n");
  symlinkSync("/etc/passwd", join(repo, "passwd"));
  git(repo, ["add", "."]);
  git(repo, ["commit", "--quiet", "-m", "en retard"], WEDNESDAY);
  return { repo, first, second: git(repo, ["rev-parse", "HEAD"]) };
}

describe("git sources", () => {
  it("checks out the last commit before the deadline, with its date", async () => {
    const { repo, first } = studentRepo();
    const dest = join(scratchDir(), "alice");
    const checkout = await checkoutGitSource(repo, dest, { before: new Date("2024-03-05T00:00:00Z") });
    expect(checkout.commit).toBe(first);
    expect(checkout.committedAt.toISOString()).toBe("2024-03-04T10:00:00.000Z");
    expect(readFileSync(join(dest, "Dockerfile"), "utf8")).toBe("FROM busybox:1.37\n");
    expect(existsSync(join(dest, ".git"))).toBe(false);
  });

  it("checks out a ref, with symbolic links as plain files", async () => {
    const { repo, second } = studentRepo();
    const dest = join(scratchDir(), "alice");
    const checkout = await checkoutGitSource(repo, dest, { ref: "main" });
    expect(checkout.commit).toBe(second);
    expect(checkout.committedAt.toISOString()).toBe("2024-03-06T10:00:00.000Z");
    expect(lstatSync(join(dest, "passwd")).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dest, "passwd"), "utf8")).toBe("/etc/passwd");
  });

  it("says when nothing was committed before the deadline, and leaves no folder", async () => {
    const { repo } = studentRepo();
    const dest = join(scratchDir(), "alice");
    const error = await checkoutGitSource(repo, dest, { before: new Date("2024-03-01T00:00:00Z") }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitSourceError);
    expect((error as GitSourceError).text.fr).toContain("Aucun commit");
    expect(existsSync(dest)).toBe(false);
  });

  it("refuses a ref that git would read as an option", async () => {
    const { repo } = studentRepo();
    const error = await checkoutGitSource(repo, join(scratchDir(), "x"), { ref: "--upload-pack=touch /tmp/x" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitSourceError);
  });
});
