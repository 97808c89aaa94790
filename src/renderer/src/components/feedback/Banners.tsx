import { useLibraryStore } from '../../stores/app-stores';
import { useSettingsStore } from '../../stores/settings-store';
import { useUiStore } from '../../stores/ui-store';
import { Banner } from './Banner';

/** Library-wide problems: the list cannot load, or the library was found damaged (at start or while open). */
export function Banners() {
  // A refused filter is explained beside the filters (ActiveFilters), not as a failure to load.
  const listError = useLibraryStore((state) => (state.errorCode === 'invalid_input' ? null : state.error));
  const reload = useLibraryStore((state) => state.reload);
  const libraryProblem = useSettingsStore((state) => state.view?.libraryProblem ?? null);
  const dismissed = useSettingsStore((state) => state.libraryProblemDismissed);
  const dismiss = useSettingsStore((state) => state.dismissLibraryProblem);
  const setPage = useUiStore((state) => state.setPage);

  return (
    <>
      {libraryProblem && !dismissed && (
        <Banner
          tone="warning"
          testId="library-problem"
          actions={
            <>
              <button type="button" className="button button--small" onClick={() => setPage('settings')}>
                Library location
              </button>
              <button type="button" className="button button--small button--ghost" onClick={dismiss}>
                Dismiss
              </button>
            </>
          }
        >
          {/* The message says whether it was moved aside at start or found while open (read-only now). */}
          <strong>Your library is damaged.</strong> {libraryProblem}
        </Banner>
      )}
      {listError && (
        <Banner
          tone="error"
          testId="list-error"
          actions={
            <button type="button" className="button button--small" data-testid="list-retry" onClick={reload}>
              Retry
            </button>
          }
        >
          <strong>Sessions could not be loaded.</strong> {listError}
        </Banner>
      )}
    </>
  );
}
