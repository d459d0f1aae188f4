import "server-only";
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function git(repo: string, args: string[]): Promise<string> {
  const { stdout } = await run("git", ["-C", repo, ...args], { maxBuffer: 8 * 1024 * 1024 });
  return stdout.trim();
}

/** A branch name or a commit → the full commit SHA and, for a branch, its name; null when unknown. */
export async function resolveRef(repo: string, ref: string): Promise<{ sha: string; branch: string | null } | null> {
  const branch = await git(repo, ["rev-parse", "--verify", "--quiet", `refs/heads/${ref}^{commit}`]).catch(() => "");
  if (branch) return { sha: branch, branch: ref };
  const commit = await git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).catch(() => "");
  return /^[0-9a-f]{40}$/.test(commit) ? { sha: commit, branch: null } : null;
}

export type Branch = { name: string; commitSha: string; subject: string; committedAt: Date };

/** Local branches, newest commit first. */
export async function listBranches(repo: string): Promise<Branch[]> {
  const out = await git(repo, ["for-each-ref", "--sort=-committerdate", "--format=%(refname:short)%00%(objectname)%00%(committerdate:iso-strict)%00%(subject)", "refs/heads/"]);
  return out
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name, commitSha, date, subject] = line.split("\0");
      return { name: name!, commitSha: commitSha!, committedAt: new Date(date!), subject: subject ?? "" };
    });
}

/** The tree id of the commit's migrations folder: previews whose migrations are the same share a template database. */
export async function migrationsTreeId(repo: string, sha: string): Promise<string | null> {
  const tree = await git(repo, ["rev-parse", "--verify", "--quiet", `${sha}:drizzle`]).catch(() => "");
  return /^[0-9a-f]{40}$/.test(tree) ? tree : null;
}
