import type { SessionAccent } from '../../../../shared/domain';

/** The session's accent colour: a bar on rows, a strip on cards, a dot elsewhere. */
export function AccentMark({ accent, shape }: { accent: SessionAccent; shape: 'bar' | 'strip' | 'dot' }) {
  return <span className={`accent-mark accent-mark--${shape}`} data-accent={accent} aria-hidden="true" />;
}
