// Tells main, once, that the window has drawn the library's first answer (or why it could not).
// The desktop app's smoke test (`--smoke-test`) waits for this report through the real preload.
import { dock } from '../lib/bridge';
import { useLibraryStore } from '../stores/app-stores';

export function reportFirstRender(): void {
  const unsubscribe = useLibraryStore.subscribe((state) => {
    if (state.loading || (state.total === null && state.error === null)) return;
    unsubscribe();
    const report = { sessions: state.total ?? 0, error: state.error };
    // Two frames: the rows React committed for this answer have been painted.
    requestAnimationFrame(() =>
      requestAnimationFrame(
        () =>
          void dock()
            .reportRendered(report)
            .catch(() => {}),
      ),
    );
  });
}
