import { IMPORT_ITEMS_MAX } from '../../../../shared/domain';
import { startAddFolder } from '../../actions/import-actions';
import { useImportStore } from '../../stores/app-stores';
import { folderName, plural } from '../../lib/labels';
import { ImportProjectList } from './ImportProjectList';

/**
 * What the scan found: new projects ticked, those already in the library shown but not importable,
 * templates and presets shown unticked with the reason, older versions of a song listed (unticked)
 * under its newest.
 */
export function ImportReview() {
  const scan = useImportStore((state) => state.scan);
  const folder = useImportStore((state) => state.folder);
  const chosen = useImportStore((state) => state.chosen);
  const expanded = useImportStore((state) => state.expanded);
  const error = useImportStore((state) => state.error);
  const generatePreviews = useImportStore((state) => state.generatePreviews);
  const { toggle, toggleVersions, chooseAll, setGeneratePreviews, startImport, close } =
    useImportStore.getState();

  if (!scan) {
    return (
      <>
        <h2 id="import-title" className="dialog__title">
          Could not scan {folderName(folder)}
        </h2>
        <p className="dialog__message" role="alert" data-testid="import-error">
          {error ?? 'The folder could not be read.'}
        </p>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={close}>
            Close
          </button>
          <button
            type="button"
            className="button button--primary"
            data-autofocus
            onClick={() => void startAddFolder()}
          >
            Choose another folder…
          </button>
        </div>
      </>
    );
  }

  const fresh = scan.projects.filter((project) => !project.inLibrary).length;
  const known = scan.projects.length - fresh;
  return (
    <>
      <h2 id="import-title" className="dialog__title">
        Add projects from {folderName(scan.root)}
      </h2>
      <p className="dialog__message" data-testid="import-found">
        {scan.projects.length === 0
          ? 'No DAW projects were found in this folder or its subfolders.'
          : `Found ${plural(scan.projects.length, 'project')}: ${fresh.toLocaleString('en-US')} new, ${known.toLocaleString('en-US')} already in your library.`}
      </p>
      {scan.problems.length > 0 && (
        <details className="import-problems" data-testid="import-problems">
          <summary>
            {plural(scan.problems.length, 'file or folder', 'files or folders')} could not be read and were
            left out
          </summary>
          <ul>
            {scan.problems.slice(0, 100).map((problem) => (
              <li key={problem.path}>
                <span className="import-problems__path">{problem.path}</span> — {problem.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {scan.projects.length > 0 && (
        <>
          <div className="import-review__toolbar">
            <span className="import-review__count" data-testid="import-chosen-count">
              {chosen.size.toLocaleString('en-US')} selected
            </span>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => chooseAll('new')}
            >
              Select all new
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => chooseAll('none')}
            >
              Select none
            </button>
          </div>
          <ImportProjectList
            scan={scan}
            chosen={chosen}
            expanded={expanded}
            toggle={toggle}
            toggleVersions={toggleVersions}
          />
          <label className="checkbox-field">
            <input
              type="checkbox"
              checked={generatePreviews}
              data-testid="import-generate-previews"
              onChange={(event) => setGeneratePreviews(event.target.checked)}
            />
            Find mixdowns next to each project and draw their waveforms
          </label>
        </>
      )}
      {chosen.size > IMPORT_ITEMS_MAX && (
        <p className="field-error" role="alert" data-testid="import-too-many">
          One import takes up to {IMPORT_ITEMS_MAX.toLocaleString('en-US')} projects: select fewer, import
          them, then add the folder again for the rest.
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button
          type="button"
          className="button"
          onClick={close}
          {...(scan.projects.length === 0 && { 'data-autofocus': true })}
        >
          {scan.projects.length === 0 ? 'Close' : 'Cancel'}
        </button>
        {scan.projects.length > 0 && (
          <button
            type="button"
            className="button button--primary"
            data-testid="import-start"
            data-autofocus
            disabled={chosen.size === 0 || chosen.size > IMPORT_ITEMS_MAX}
            onClick={() => void startImport()}
          >
            Import {plural(chosen.size, 'project')}
          </button>
        )}
      </div>
    </>
  );
}
