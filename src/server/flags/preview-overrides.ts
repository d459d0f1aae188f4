import "server-only";
import { FLAGS, isFlagKey, type FlagDefinition } from "@/lib/flags/registry";
import { valueSchema } from "@/lib/flags/targeting";
import { readPreviewRuntime, type PreviewRuntime } from "@/server/preview-runtime";
import type { FlagOverrides } from "./override-cookie";

let memo: { runtime: PreviewRuntime; overrides: FlagOverrides } | null = null;

/**
 * In a preview, the flag values staff set for it (`previews.setFlag`), served to everyone above
 * targeting; a staff member's own override cookie still wins. Empty outside a preview. A key
 * no longer in the registry, or a value its definition no longer accepts, is dropped.
 */
export function previewFlagOverrides(): FlagOverrides {
  const runtime = readPreviewRuntime();
  if (!runtime) return {};
  if (memo?.runtime !== runtime) {
    const overrides: FlagOverrides = {};
    for (const [key, value] of Object.entries(runtime.flags)) {
      if (!isFlagKey(key)) continue;
      const parsed = valueSchema(FLAGS[key] as FlagDefinition).safeParse(value);
      if (parsed.success) overrides[key] = parsed.data;
    }
    memo = { runtime, overrides };
  }
  return memo.overrides;
}
