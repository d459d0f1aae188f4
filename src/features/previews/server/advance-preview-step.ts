import "server-only";
import fs from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { previews, previewSteps } from "@/server/db/schema";
import { PREVIEW_STEPS, type PreviewStepName } from "../schemas";
import { previewDir } from "./config";
import { isAlive, readFrom, startDetached, tailOf } from "./local/process";
import { planLocalStep, type StepPlan } from "./local/steps";
import { findPreview, findStep } from "./queries";
import { publishPreviewEvent, stripAnsi } from "./publish-preview";

export type StepOutcome = { kind: "done" | "skipped" | "pending" | "cancelled" } | { kind: "failed"; message: string };

const POLL_MS = 400;

/**
 * Runs one pipeline step of the local driver, or attaches to it when an earlier call started it
 * and it is still running; gives up the call after `budgetMs` with "pending" (the pipeline calls
 * again), so no HTTP call from Inngest has to outlast a long build.
 */
export async function advancePreviewStep(db: DbOrTx, input: { previewId: string; step: PreviewStepName }, budgetMs = 60_000): Promise<StepOutcome> {
  const preview = await findPreview(db, input.previewId);
  if (!preview || preview.state === "destroying" || preview.state === "destroyed") return { kind: "cancelled" };
  const row = await findStep(db, preview.id, input.step);
  if (!row) throw new Error(`preview ${preview.id} has no step ${input.step}`);
  if (row.status === "done" || row.status === "skipped") return { kind: row.status };

  const logs = path.join(previewDir(preview.id), "logs");
  fs.mkdirSync(logs, { recursive: true });
  const logFile = path.join(logs, `${input.step}.log`);
  const exitFile = path.join(logs, `${input.step}.exit`);
  const plan = await planLocalStep(preview, input.step).catch((error: Error) => ({ kind: "error" as const, message: error.message }));
  if (plan.kind === "error") return fail(db, preview.id, input.step, plan.message, logFile);

  const attached = row.status === "running" && (fs.existsSync(exitFile) || isAlive(row.pid) || plan.kind === "poll");
  if (!attached) {
    fs.rmSync(exitFile, { force: true });
    fs.writeFileSync(logFile, "");
    const startedAt = new Date();
    await db.update(previewSteps).set({ status: "running", startedAt, endedAt: null, pid: null, logTail: "" }).where(stepWhere(preview.id, input.step));
    await db.update(previews).set({ state: "building", currentStep: input.step, failedStep: null, error: null }).where(eq(previews.id, preview.id));
    await publishPreviewEvent(db, { type: "preview.changed", data: { previewId: preview.id, state: "building", step: input.step, stepStatus: "running" } });
    if (plan.kind === "skip") return finish(db, preview.id, input.step, "skipped", `skipped: ${plan.reason}\n`);
    if (plan.kind === "command") {
      try {
        const note = await plan.before?.();
        if (note) fs.appendFileSync(logFile, `${note}\n`);
      } catch (error) {
        return fail(db, preview.id, input.step, (error as Error).message, logFile);
      }
      const cwd = fs.existsSync(worktreeOf(preview.id)) ? worktreeOf(preview.id) : previewDir(preview.id);
      const pid = startDetached({ cwd, script: plan.script, env: plan.env, logFile, exitFile: plan.detachedServer ? undefined : exitFile });
      await db.update(previewSteps).set({ pid }).where(stepWhere(preview.id, input.step));
      if (plan.detachedServer) {
        await db.update(previews).set({ pid }).where(eq(previews.id, preview.id));
        return finish(db, preview.id, input.step, "done", tailOf(logFile));
      }
    }
  }
  const offset = attached && fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  return waitForStep(db, { previewId: preview.id, step: input.step, plan, logFile, exitFile, offset, startedAt: attached ? (row.startedAt ?? new Date()) : new Date() }, budgetMs);
}

const worktreeOf = (previewId: string) => path.join(previewDir(previewId), "app");
const stepWhere = (previewId: string, step: string) => and(eq(previewSteps.previewId, previewId), eq(previewSteps.step, step));

async function waitForStep(
  db: DbOrTx,
  s: { previewId: string; step: PreviewStepName; plan: StepPlan; logFile: string; exitFile: string; offset: number; startedAt: Date },
  budgetMs: number,
): Promise<StepOutcome> {
  const deadline = Date.now() + budgetMs;
  let offset = s.offset;
  for (;;) {
    const chunk = readFrom(s.logFile, offset);
    if (chunk.text) {
      offset = chunk.offset;
      await publishPreviewEvent(db, { type: "preview.log", data: { previewId: s.previewId, step: s.step, text: chunk.text } });
      continue;
    }
    if (s.plan.kind === "command") {
      if (fs.existsSync(s.exitFile)) {
        const code = Number(fs.readFileSync(s.exitFile, "utf8").trim());
        if (code !== 0) return fail(db, s.previewId, s.step, `exited with code ${code}`, s.logFile);
        try {
          const note = await s.plan.after?.();
          if (note) fs.appendFileSync(s.logFile, `${note}\n`);
        } catch (error) {
          return fail(db, s.previewId, s.step, (error as Error).message, s.logFile);
        }
        return finish(db, s.previewId, s.step, "done", tailOf(s.logFile));
      }
      const row = await findStep(db, s.previewId, s.step);
      if (!isAlive(row?.pid) && !fs.existsSync(s.exitFile)) return fail(db, s.previewId, s.step, "the process died without an exit code", s.logFile);
    } else if (s.plan.kind === "poll") {
      if (await s.plan.check()) {
        fs.appendFileSync(s.logFile, `passed: ${s.plan.describe}\n`);
        return finish(db, s.previewId, s.step, "done", tailOf(s.logFile));
      }
      if (Date.now() - s.startedAt.getTime() > s.plan.timeoutMs) {
        const serverLog = tailOf(path.join(path.dirname(s.logFile), "start.log"), 3_000);
        fs.appendFileSync(s.logFile, `not passing after ${Math.round(s.plan.timeoutMs / 1000)} s: ${s.plan.describe}\n--- end of the server's log ---\n${serverLog}`);
        return fail(db, s.previewId, s.step, `${s.plan.describe}: not within ${Math.round(s.plan.timeoutMs / 1000)} s`, s.logFile);
      }
    }
    if (Date.now() > deadline) {
      await db.update(previewSteps).set({ logTail: stripAnsi(tailOf(s.logFile)) }).where(stepWhere(s.previewId, s.step));
      return { kind: "pending" };
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function finish(db: DbOrTx, previewId: string, step: PreviewStepName, status: "done" | "skipped", log: string): Promise<StepOutcome> {
  await db.update(previewSteps).set({ status, endedAt: new Date(), logTail: stripAnsi(log) }).where(stepWhere(previewId, step));
  await publishPreviewEvent(db, { type: "preview.changed", data: { previewId, state: "building", step, stepStatus: status } });
  return { kind: status };
}

async function fail(db: DbOrTx, previewId: string, step: PreviewStepName, reason: string, logFile: string): Promise<StepOutcome> {
  const label = PREVIEW_STEPS.find((s) => s.name === step)!.label;
  const message = `${label} failed: ${reason}`;
  fs.appendFileSync(logFile, `${message}\n`);
  await db.update(previewSteps).set({ status: "failed", endedAt: new Date(), logTail: stripAnsi(tailOf(logFile)) }).where(stepWhere(previewId, step));
  await db.update(previews).set({ state: "failed", failedStep: step, currentStep: null, error: message }).where(eq(previews.id, previewId));
  await publishPreviewEvent(db, { type: "preview.changed", data: { previewId, state: "failed", step, stepStatus: "failed" } });
  return { kind: "failed", message };
}
