import { useProjectExists } from '../../stores/path-check-store';
import { WarningIcon } from '../icons';

/** A warning when the session's project is not on disk any more (never shown for "no project"). */
export function MissingProject({ path, compact = false }: { path: string | null; compact?: boolean }) {
  const exists = useProjectExists(path);
  if (path === null || exists !== false) return null;
  return (
    <span
      className={compact ? 'missing-project missing-project--compact' : 'missing-project'}
      title={`Project not found: ${path}`}
      data-testid="missing-project"
    >
      <WarningIcon size={13} />
      {!compact && <span>Missing</span>}
    </span>
  );
}
