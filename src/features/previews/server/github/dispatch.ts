import "server-only";
import { Octokit } from "@octokit/rest";
import { env, previewGithubEnv } from "@/server/env";
import { AppError } from "@/server/errors";

export type WorkflowInputs = { action: "deploy" | "destroy"; previewId: string; commitSha: string; branch: string | null; callbackUrl: string };

/**
 * The second driver: a committed workflow (.github/workflows/preview.yml) builds, deploys to
 * Vercel with a Neon branch, and reports each step to /api/previews/callback. The app only
 * dispatches it; PREVIEW_GITHUB_API_URL points Octokit elsewhere (GitHub Enterprise, or the
 * contract test's local server).
 */
export async function dispatchPreviewWorkflow(inputs: WorkflowInputs, octokit = previewOctokit()): Promise<void> {
  const config = previewGithubEnv();
  if (!config) throw new AppError("SERVICE_UNAVAILABLE", { userMessage: "The GitHub preview driver needs PREVIEW_GITHUB_TOKEN, PREVIEW_GITHUB_REPO and PREVIEW_CALLBACK_SECRET." });
  const [owner, repo] = config.PREVIEW_GITHUB_REPO.split("/") as [string, string];
  await octokit.rest.actions.createWorkflowDispatch({
    owner,
    repo,
    workflow_id: env.PREVIEW_GITHUB_WORKFLOW,
    // The workflow file is read from this ref; the commit to deploy is an input.
    ref: inputs.branch ?? "main",
    inputs: {
      action: inputs.action,
      preview_id: inputs.previewId,
      commit_sha: inputs.commitSha,
      callback_url: inputs.callbackUrl,
    },
  });
}

export function previewOctokit(): Octokit {
  const config = previewGithubEnv();
  return new Octokit({
    auth: config?.PREVIEW_GITHUB_TOKEN,
    userAgent: "groundwork-previews",
    ...(env.PREVIEW_GITHUB_API_URL ? { baseUrl: env.PREVIEW_GITHUB_API_URL.replace(/\/$/, "") } : {}),
    log: { debug() {}, info() {}, warn: console.warn, error: console.error },
  });
}
