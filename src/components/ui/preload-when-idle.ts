import { useLayoutEffect } from "react";

let pending = 0;

function settled() {
  pending -= 1;
  if (pending === 0) document.documentElement.dataset.onDemand = "ready";
}

/**
 * Fetches on-demand code (a dialog's or a header popup's chunk, decision 041) once the page has
 * hydrated and the browser is idle, so the first load stays light but a user who loses the
 * network afterwards can still open it: `import()` of a chunk already fetched needs no network.
 * `load` must be stable (the module-level function its `React.lazy` wraps); a chunk already
 * fetched is not fetched again.
 *
 * While any such code is still loading, `<html>` has no `data-on-demand="ready"`; e2e tests
 * wait for it before cutting the network.
 */
export function usePreloadWhenIdle(load: () => Promise<unknown>) {
  // A layout effect, so the mark is gone before the browser paints what registered here.
  useLayoutEffect(() => {
    pending += 1;
    delete document.documentElement.dataset.onDemand;
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      load().then(settled, settled);
    };
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(run, { timeout: 2000 });
      return () => {
        cancelIdleCallback(id);
        if (!done) {
          done = true;
          settled();
        }
      };
    }
    const timer = setTimeout(run, 200);
    return () => {
      clearTimeout(timer);
      if (!done) {
        done = true;
        settled();
      }
    };
  }, [load]);
}
