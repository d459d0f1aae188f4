/**
 * A second app process for the cross-process test: its own security-rules store and LISTEN
 * connection. For each "signup <email> <ip> <tag>" line it prints whether sign-up would be allowed.
 * Run with `node --conditions=react-server --import tsx`.
 */
import readline from "node:readline";
import { sql } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { assertSignUpAllowed } from "@/server/security-rules/checks";
import { currentSecurityRules, stopSecurityRulesStore } from "@/server/security-rules/store";

await currentSecurityRules();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, email, ip, tag] = line.trim().split(" ");
  if (command === "signup" && email && ip) {
    const allowed = await assertSignUpAllowed({ email, ip }).then(
      () => true,
      (error: unknown) => (error instanceof AppError ? false : Promise.reject(error)),
    );
    process.stdout.write(`${JSON.stringify({ tag, allowed })}\n`);
  }
}
await stopSecurityRulesStore();
await sql.end({ timeout: 1 });
