import type { SessionStatus } from '../../../../shared/domain';
import { STATUS_LABELS } from '../../lib/labels';

export function StatusPill({ status }: { status: SessionStatus }) {
  return (
    <span className="status-pill" data-status={status}>
      <span className="status-pill__dot" aria-hidden="true" />
      {STATUS_LABELS[status]}
    </span>
  );
}
