import type { SessionKind } from '../../../../shared/domain';

/** The DAW, as a small outlined badge. */
export function KindBadge({ kind }: { kind: SessionKind }) {
  return (
    <span className="kind-badge" data-kind={kind} title={`DAW: ${kind}`}>
      {kind}
    </span>
  );
}
