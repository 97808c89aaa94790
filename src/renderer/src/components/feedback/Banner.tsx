import type { ReactNode } from 'react';
import { WarningIcon } from '../icons';

/** A full-width notice above the content, for problems that need a decision (Retry…). */
export function Banner({
  tone,
  children,
  actions,
  testId,
}: {
  tone: 'warning' | 'error';
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      className={`banner banner--${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      <WarningIcon className="banner__icon" />
      <div className="banner__text">{children}</div>
      {actions && <div className="banner__actions">{actions}</div>}
    </div>
  );
}
