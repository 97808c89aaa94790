import { useEffect } from 'react';
import type { BackupView, LibraryImportResult, MergeCountsView } from '../../../../shared/ipc';
import { formatExact, formatRelative } from '../../lib/format-time';
import { useClockStore } from '../../stores/clock-store';
import { Banner } from '../feedback/Banner';
import { FolderIcon } from '../icons';
import { CopyButton } from './CopyButton';
import { useLibrarySettingsStore, type LibraryOutcome, type LibraryTask } from './library-settings-store';
import { Section, SettingsRow } from './SettingsLayout';
import '../../styles/library-settings.css';

/** While a backup runs (one started at launch, say), the list is read again this often. */
const RUNNING_POLL_MS = 1000;

const KIND_LABEL: Record<BackupView['kind'], string> = {
  daily: 'Daily',
  weekly: 'Weekly',
  'pre-migration': 'Before upgrade',
  'pre-restore': 'Before restore',
};

/** Settings → Library: where the library is, its backups (Back up now, Restore…), export and import. */
export function LibrarySettings({ libraryProblem }: { libraryProblem: string | null }) {
  const view = useLibrarySettingsStore((state) => state.view);
  const loadError = useLibrarySettingsStore((state) => state.loadError);
  const running = useLibrarySettingsStore((state) => state.running);
  const outcome = useLibrarySettingsStore((state) => state.outcome);
  const store = useLibrarySettingsStore.getState();
  const backupRunning = running === 'backup' || view?.backupRunning === true;

  useEffect(() => {
    void useLibrarySettingsStore.getState().refresh();
  }, []);
  useEffect(() => {
    if (!view?.backupRunning || running === 'backup') return;
    const timer = setInterval(() => void useLibrarySettingsStore.getState().refresh(), RUNNING_POLL_MS);
    return () => clearInterval(timer);
  }, [view?.backupRunning, running]);

  if (!view) {
    return (
      <Section title="Library" testId="library-settings">
        {loadError ? (
          <Banner
            tone="error"
            actions={
              <button type="button" className="button button--small" onClick={() => void store.refresh()}>
                Retry
              </button>
            }
          >
            The library's settings could not be read: {loadError}
          </Banner>
        ) : (
          <p className="settings-help">Loading…</p>
        )}
      </Section>
    );
  }

  return (
    <>
      <Section
        title="Library"
        description="Where SessionDock keeps its library and caches. Your projects stay where they are."
        testId="library-settings"
      >
        <SettingsRow label="Library file" hint={formatBytes(view.librarySize)}>
          <div className="value-with-actions">
            <code className="code-value" data-testid="library-path" title={view.libraryPath}>
              {view.libraryPath}
            </code>
            <button
              type="button"
              className="button button--small"
              data-testid="library-reveal"
              onClick={() => void store.reveal('library')}
            >
              <FolderIcon size={13} /> Reveal
            </button>
            <CopyButton text={view.libraryPath} />
          </div>
        </SettingsRow>
        <SettingsRow label="Data folder">
          <div className="value-with-actions">
            <code className="code-value" data-testid="library-data-dir" title={view.dataDir}>
              {view.dataDir}
            </code>
            <CopyButton text={view.dataDir} />
          </div>
        </SettingsRow>
        {libraryProblem && (
          <Banner tone="warning" testId="settings-library-problem">
            {libraryProblem}
          </Banner>
        )}
        {outcome?.task === 'reveal' && 'error' in outcome && <OutcomeError message={outcome.error} />}
      </Section>

      <Section
        title="Backups"
        description="A checked copy of the library every day (the last 7 days and 4 weeks are kept) and before every upgrade."
        testId="library-backups"
        aside={
          <div className="library-actions">
            <button
              type="button"
              className="button button--primary button--small"
              data-testid="library-back-up-now"
              disabled={running !== null || backupRunning}
              onClick={() => void store.backUpNow()}
            >
              {backupRunning ? 'Backing up…' : 'Back up now'}
            </button>
            <button
              type="button"
              className="button button--small"
              data-testid="library-restore-file"
              disabled={running !== null}
              title="Restore from a backup file anywhere"
              onClick={() => void store.restore()}
            >
              {running === 'restore' ? 'Restoring…' : 'Restore…'}
            </button>
          </div>
        }
      >
        {view.lastBackupFailure && (
          <Banner tone="warning" testId="library-backup-failure">
            The last backup, {formatExact(view.lastBackupFailure.at)}, did not work:{' '}
            {view.lastBackupFailure.message} Your library itself is fine; SessionDock tries again.
          </Banner>
        )}
        <BackupList backups={view.backups} disabled={running !== null} />
        <div className="library-backups__foot">
          <button
            type="button"
            className="button button--ghost button--small"
            data-testid="library-reveal-backups"
            onClick={() => void store.reveal('backups')}
          >
            <FolderIcon size={13} /> Show backups folder
          </button>
        </div>
        <TaskOutcome outcome={outcome} tasks={['backup', 'restore']} />
      </Section>

      <Section
        title="Export and import"
        description="JSON holds everything (sessions, previews, notes, artwork, collections) and can be imported again; CSV is one row per session, for spreadsheets."
        testId="library-export"
      >
        <div className="library-actions">
          <button
            type="button"
            className="button button--small"
            data-testid="library-export-json"
            disabled={running !== null}
            onClick={() => void store.exportLibrary('json')}
          >
            Export JSON…
          </button>
          <button
            type="button"
            className="button button--small"
            data-testid="library-export-csv"
            disabled={running !== null}
            onClick={() => void store.exportLibrary('csv')}
          >
            Export CSV…
          </button>
          <span className="library-actions__gap" />
          <button
            type="button"
            className="button button--small"
            data-testid="library-import"
            disabled={running !== null}
            title="Merge a JSON export into this library: by id, the newer version of a session wins"
            onClick={() => void store.importLibrary()}
          >
            Import from JSON…
          </button>
        </div>
        {(running === 'export' || running === 'import') && (
          <p className="settings-help" data-testid="library-task-running">
            {running === 'export' ? 'Exporting…' : 'Importing…'}
          </p>
        )}
        <TaskOutcome outcome={outcome} tasks={['export', 'import']} />
      </Section>
    </>
  );
}

function BackupList({ backups, disabled }: { backups: BackupView[]; disabled: boolean }) {
  const now = useClockStore((state) => state.now);
  const restore = useLibrarySettingsStore((state) => state.restore);
  if (backups.length === 0) {
    return (
      <p className="settings-help" data-testid="library-backups-empty">
        No backups yet.
      </p>
    );
  }
  return (
    <table className="backup-table" data-testid="backup-list">
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Kind</th>
          <th scope="col" className="backup-table__size">
            Size
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {backups.map((backup) => (
          <tr key={backup.path} data-testid="backup-item" data-kind={backup.kind} data-path={backup.path}>
            <td title={backup.path}>
              {formatExact(backup.createdAt)}{' '}
              <span className="backup-table__ago">{formatRelative(backup.createdAt, now)}</span>
            </td>
            <td>
              {KIND_LABEL[backup.kind]}
              {backup.fromVersion !== null && (
                <span className="backup-table__ago"> (schema {backup.fromVersion})</span>
              )}
            </td>
            <td className="backup-table__size">{formatBytes(backup.size)}</td>
            <td className="backup-table__actions">
              <button
                type="button"
                className="button button--ghost button--small"
                data-testid="backup-restore"
                disabled={disabled}
                onClick={() => void restore(backup)}
              >
                Restore…
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the last of these tasks did: a calm line, or its refusal. */
function TaskOutcome({ outcome, tasks }: { outcome: LibraryOutcome | null; tasks: LibraryTask[] }) {
  if (!outcome || !tasks.includes(outcome.task)) return null;
  if ('error' in outcome) return <OutcomeError message={outcome.error} />;
  let text: string;
  if ('backup' in outcome) text = `Backed up (${formatBytes(outcome.backup.size)}): ${outcome.backup.name}`;
  else if (outcome.task === 'export') {
    const { result } = outcome;
    const collections = result.collections === null ? '' : ` and ${plural(result.collections, 'collection')}`;
    text = `Exported ${plural(result.sessions, 'session')}${collections} (${formatBytes(result.bytes)}) to ${result.path}`;
  } else text = importSummary(outcome.result);
  return (
    <p className="library-outcome" role="status" data-testid="library-outcome">
      {text}
    </p>
  );
}

function OutcomeError({ message }: { message: string }) {
  return (
    <p className="field-error" role="alert" data-testid="library-error">
      {message}
    </p>
  );
}

function importSummary(result: LibraryImportResult): string {
  const parts = [`Sessions: ${mergeCounts(result.sessions)}`];
  if (result.collections) parts.push(`collections: ${mergeCounts(result.collections)}`);
  if (result.renamed.length > 0) parts.push(`renamed ${result.renamed.join(', ')}`);
  if (result.missingMembers > 0)
    parts.push(`${plural(result.missingMembers, 'collection member')} not in the library left out`);
  if (result.renumbered > 0) parts.push(`${plural(result.renumbered, 'preview or note')} given new ids`);
  return `Imported ${result.path}. ${parts.join('; ')}.`;
}

function mergeCounts(counts: MergeCountsView): string {
  return `${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged`;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}

/** 1,536 → "1.5 KB"; decimal units, as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
