import { useProjectSummary } from '../../hooks/useProjectSummary';
import { formatTempo, versionNumberOf } from '../../lib/project-format';

/**
 * The list row's DAW version and Tempo cells, from the summaries loaded per chunk of rows. A row
 * re-renders here, not whole, when its summary arrives.
 */
export function RowProjectCells({ sessionId }: { sessionId: string }) {
  const summary = useProjectSummary(sessionId);
  const version = summary?.dawVersion ?? null;
  const tempo = summary?.tempo ?? null;
  return (
    <>
      <div className="session-row__version" data-testid="row-daw-version" title={version ?? undefined}>
        {version ?? <span className="session-row__none">—</span>}
      </div>
      <div className="session-row__tempo" data-testid="row-tempo">
        {tempo === null ? <span className="session-row__none">—</span> : formatTempo(tempo)}
      </div>
    </>
  );
}

/** Beside the DAW's badge while the list is too narrow for a DAW version column (see list.css). */
export function RowVersionNumber({ sessionId }: { sessionId: string }) {
  const version = useProjectSummary(sessionId)?.dawVersion ?? null;
  if (version === null) return null;
  return (
    <span className="session-row__kind-version" title={version}>
      {versionNumberOf(version)}
    </span>
  );
}

/** The grid card's tempo, when the project says one. */
export function CardTempo({ sessionId }: { sessionId: string }) {
  const tempo = useProjectSummary(sessionId)?.tempo ?? null;
  if (tempo === null) return null;
  return (
    <span className="session-card__tempo" data-testid="card-tempo">
      {formatTempo(tempo)}
    </span>
  );
}
