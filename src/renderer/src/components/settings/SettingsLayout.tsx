import type { ReactNode } from 'react';

/** One bordered block of Settings: a title, an optional description and status, its rows. */
export function Section({
  title,
  description,
  aside,
  testId,
  children,
}: {
  title: string;
  description?: string;
  aside?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className="settings-section" data-testid={testId} aria-label={title}>
      <div className="settings-section__head">
        <div>
          <h2 className="settings-section__title">{title}</h2>
          {description && <p className="settings-section__description">{description}</p>}
        </div>
        {aside}
      </div>
      <div className="settings-section__body">{children}</div>
    </section>
  );
}

/** A label (with an optional hint) beside its control. */
export function SettingsRow({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="settings-row">
      <div className="settings-row__label">
        {label}
        {hint && <span className="settings-row__hint">{hint}</span>}
      </div>
      <div className="settings-row__control">{children}</div>
    </div>
  );
}
