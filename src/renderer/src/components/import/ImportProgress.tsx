import { useImportStore } from '../../stores/app-stores';
import { plural } from '../../lib/labels';

/** The running import: a bar, the counts, and Cancel. */
export function ImportProgressView() {
  const progress = useImportStore((state) => state.progress);
  const cancelImport = useImportStore((state) => state.cancelImport);
  const chosen = useImportStore((state) => state.chosen.size);
  const total = progress?.total ?? chosen;
  const processed = progress ? progress.completed + progress.failed + progress.skipped : 0;
  const percent = total === 0 ? 0 : Math.round((processed / total) * 100);
  return (
    <>
      <h2 id="import-title" className="dialog__title">
        Importing {plural(total, 'project')}…
      </h2>
      <div
        className="progress"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={processed}
        data-testid="import-progress"
      >
        <span className="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="dialog__message import-dialog__counts" aria-live="polite">
        {processed.toLocaleString('en-US')} of {total.toLocaleString('en-US')}
        {progress && progress.skipped > 0 && ` · ${progress.skipped.toLocaleString('en-US')} skipped`}
        {progress && progress.failed > 0 && ` · ${progress.failed.toLocaleString('en-US')} failed`}
        {progress?.cancelled && ' · cancelling…'}
      </p>
      <div className="dialog__actions">
        <button
          type="button"
          className="button"
          data-testid="import-cancel"
          data-autofocus
          disabled={!progress || progress.cancelled}
          onClick={() => void cancelImport()}
        >
          Cancel import
        </button>
      </div>
    </>
  );
}

const SHOWN_PROBLEMS = 200;

/** The finished import: what came in, and why anything did not. */
export function ImportSummary() {
  const progress = useImportStore((state) => state.progress);
  const notImported = useImportStore((state) => state.notImported);
  const error = useImportStore((state) => state.error);
  const close = useImportStore((state) => state.close);
  return (
    <>
      <h2 id="import-title" className="dialog__title">
        {progress?.cancelled ? 'Import cancelled' : 'Import finished'}
      </h2>
      {progress && (
        <p className="dialog__message" data-testid="import-summary">
          {plural(progress.completed, 'project')} imported
          {progress.skipped > 0 && ` · ${progress.skipped.toLocaleString('en-US')} skipped`}
          {progress.failed > 0 && ` · ${progress.failed.toLocaleString('en-US')} failed`}
          {progress.cancelled &&
            ` · ${(progress.total - progress.completed - progress.skipped - progress.failed).toLocaleString('en-US')} not started`}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {notImported.length > 0 && (
        <ul className="import-problems import-problems--list" data-testid="import-not-imported">
          {notImported.slice(0, SHOWN_PROBLEMS).map((item) => (
            <li key={item.projectPath} data-status={item.status}>
              <span className="import-problems__path">{item.projectPath}</span> —{' '}
              {item.status === 'skipped' ? 'skipped' : 'failed'}
              {item.reason && `: ${item.reason}`}
            </li>
          ))}
          {notImported.length > SHOWN_PROBLEMS && (
            <li>and {(notImported.length - SHOWN_PROBLEMS).toLocaleString('en-US')} more</li>
          )}
        </ul>
      )}
      <div className="dialog__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="import-close"
          data-autofocus
          onClick={close}
        >
          Done
        </button>
      </div>
    </>
  );
}
