import type { Session } from '../../../../shared/domain';
import { selectSession } from '../../actions/session-actions';
import { shortcutLabel } from '../../lib/platform';
import { useDetailStore } from '../../stores/app-stores';
import { useSelectionSize, useSelectionStore } from '../../stores/selection-store';
import { DetailArtwork } from '../artwork/DetailArtwork';
import { DetailCollections } from '../collections/DetailCollections';
import { SelectionSummary } from '../collections/SelectionSummary';
import { AccentMark } from '../session/AccentMark';
import { AccentPicker } from './AccentPicker';
import { DetailActions } from './DetailActions';
import { DetailMeta } from './DetailMeta';
import { PreviewsSection } from './PreviewsSection';
import { ProjectSection } from './ProjectSection';
import { ProjectPathField } from './ProjectPathField';
import { SaveIndicator } from './SaveIndicator';
import { SelectField } from './SelectField';
import { TagInput } from './TagInput';
import { TextField } from './TextField';
import { TitleField } from './TitleField';

/** The right-hand panel: every field of the selected session, saved as it is edited. */
export function DetailPanel() {
  const selectedId = useSelectionStore((state) => state.selectedId);
  const session = useDetailStore((state) => state.session);
  const loadingId = useDetailStore((state) => state.loadingId);
  const loadError = useDetailStore((state) => state.loadError);
  const selectionSize = useSelectionSize();

  if (selectionSize > 1) return <SelectionSummary />;
  if (!selectedId) {
    return (
      <aside
        className="detail-panel detail-panel--empty"
        aria-label="Session details"
        data-testid="detail-panel"
      >
        <div className="detail-empty">
          <p className="detail-empty__title">No session selected</p>
          <p className="detail-empty__text">Pick a session to see and edit its details.</p>
          <dl className="shortcut-list">
            <dt>↑ ↓</dt>
            <dd>Move through the list</dd>
            <dt>Enter</dt>
            <dd>Open in its DAW</dd>
            <dt>{shortcutLabel('N')}</dt>
            <dd>New session</dd>
            <dt>{shortcutLabel('F')}</dt>
            <dd>Search</dd>
          </dl>
        </div>
      </aside>
    );
  }
  if (!session || session.id !== selectedId) {
    return (
      <aside
        className="detail-panel detail-panel--empty"
        aria-label="Session details"
        data-testid="detail-panel"
      >
        <div className="detail-empty">
          {loadError && loadingId === null ? (
            <>
              <p className="detail-empty__title">This session could not be shown</p>
              <p className="detail-empty__text">{loadError}</p>
              <button type="button" className="button" onClick={() => selectSession(selectedId)}>
                Retry
              </button>
            </>
          ) : (
            <p className="detail-empty__text">Loading…</p>
          )}
        </div>
      </aside>
    );
  }
  // Keyed by id: local state (half-typed tag, open suggestions) never leaks between sessions.
  return <SessionDetail key={session.id} session={session} />;
}

function SessionDetail({ session }: { session: Session }) {
  return (
    <aside
      className="detail-panel"
      aria-label={`Details of ${session.title}`}
      data-testid="detail-panel"
      data-session-id={session.id}
    >
      <AccentMark accent={session.accent} shape="strip" />
      <div className="detail-panel__scroll">
        <div className="detail-panel__header">
          <TitleField session={session} />
          <SaveIndicator sessionId={session.id} />
        </div>
        <DetailActions session={session} />
        <DetailArtwork session={session} />
        <PreviewsSection session={session} />
        <div className="detail-panel__form">
          <div className="field-row">
            <SelectField session={session} field="kind" />
            <SelectField session={session} field="status" />
          </div>
          <AccentPicker session={session} />
          <TextField session={session} field="client" label="Client" placeholder="Who is it for?" />
          <TagInput session={session} />
          <ProjectPathField session={session} />
          <TextField
            session={session}
            field="notes"
            label="Notes"
            placeholder="Ideas, mix notes, to-dos…"
            multiline
          />
        </div>
        <DetailCollections session={session} />
        <ProjectSection session={session} />
        <DetailMeta session={session} />
      </div>
    </aside>
  );
}
