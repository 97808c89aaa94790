import type { Session } from '../../../../shared/domain';
import { RelativeTime } from '../session/RelativeTime';

/** Created / updated / last opened, relative with the exact time on hover. */
export function DetailMeta({ session }: { session: Session }) {
  return (
    <dl className="detail-meta">
      <div>
        <dt>Created</dt>
        <dd data-testid="detail-created">
          <RelativeTime iso={session.createdAt} />
        </dd>
      </div>
      <div>
        <dt>Updated</dt>
        <dd data-testid="detail-updated">
          <RelativeTime iso={session.updatedAt} />
        </dd>
      </div>
      <div>
        <dt>Last opened</dt>
        <dd data-testid="detail-last-opened">
          <RelativeTime iso={session.lastOpened} fallback="Never" />
        </dd>
      </div>
    </dl>
  );
}
