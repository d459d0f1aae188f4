import "server-only";
import { AppError } from "@/server/errors";
import { devServerUrl, DevServerError } from "@/server/jobs/dev-server-api";

/** Runs are read from the local dev server only; elsewhere staff use the Inngest dashboard. */
export async function fromDevServer<T>(call: () => Promise<T>): Promise<T> {
  if (!devServerUrl()) {
    throw new AppError("PRECONDITION_FAILED", { userMessage: "Runs are listed here only against the local dev server; use the Inngest dashboard in this environment." });
  }
  try {
    return await call();
  } catch (error) {
    if (error instanceof DevServerError && error.status === 404) throw new AppError("NOT_FOUND", { userMessage: "No such run." });
    if (error instanceof DevServerError && error.status === 409) throw new AppError("CONFLICT", { userMessage: error.message });
    throw new AppError("SERVICE_UNAVAILABLE", { userMessage: `The Inngest dev server didn't answer (${(error as Error).message}). Is it running?`, cause: error });
  }
}

export const errorText = (error: unknown): string | null => {
  if (error === null || error === undefined) return null;
  if (typeof error === "object" && "message" in error) {
    const e = error as { name?: unknown; message: unknown };
    return `${typeof e.name === "string" && e.name !== "Error" ? `${e.name}: ` : ""}${String(e.message)}`;
  }
  return typeof error === "string" ? error : JSON.stringify(error);
};
