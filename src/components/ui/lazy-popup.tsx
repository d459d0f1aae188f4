"use client";
import { Suspense, useState, type ComponentProps, type ComponentType, type KeyboardEvent } from "react";
import { usePreloadWhenIdle } from "./preload-when-idle";

export type TriggerProps = Omit<ComponentProps<"button">, "type"> & { [data: `data-${string}`]: string | number | undefined };
/** What a lazily loaded popup renders: its own trigger from these props, opened at once. */
export type PopupProps<P> = P & { trigger: TriggerProps; defaultOpen: boolean };

/**
 * A header menu or popover whose code (Radix and the popup's content) loads on first use
 * instead of with every page (decision 041). Until then its trigger is a plain button with the
 * same look, label and test id. Its code is fetched when the browser is idle after hydration (so
 * it opens offline too), or sooner when pointing at it or focusing it; pressing
 * it (click, Enter, Space or ArrowDown) renders the real popup, open, whose Radix trigger takes
 * the button's place from then on.
 *
 * `popup` is a `React.lazy` component created once at module level; `preload` is the import it
 * wraps, so preloading warms the same chunk.
 */
export function LazyPopup<P extends object>({
  popup: Popup,
  preload,
  props,
  trigger,
  haspopup = "menu",
}: {
  popup: ComponentType<PopupProps<P>>;
  preload: () => Promise<unknown>;
  props: P;
  trigger: TriggerProps;
  haspopup?: "menu" | "dialog";
}) {
  const [active, setActive] = useState(false);
  usePreloadWhenIdle(preload);
  const warm = () => void preload().catch(() => {});
  const open = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== "ArrowDown") return;
    event.preventDefault();
    setActive(true);
  };
  const plain = (
    <button type="button" aria-haspopup={haspopup} aria-expanded={false} {...trigger} onPointerEnter={warm} onFocus={warm} onClick={() => setActive(true)} onKeyDown={open} />
  );
  if (!active) return plain;
  return (
    <Suspense fallback={plain}>
      <Popup {...props} trigger={trigger} defaultOpen />
    </Suspense>
  );
}
