import type { ReactNode } from 'react';

export function SidebarHeading({ children }: { children: ReactNode }) {
  return <div className="sidebar__heading">{children}</div>;
}

/** A sidebar row: icon, label, count and an optional shortcut hint. */
export function SidebarItem({
  active,
  onClick,
  icon,
  count,
  hint,
  testId,
  children,
}: {
  active: boolean;
  onClick: () => void;
  icon?: ReactNode;
  count?: number | null;
  hint?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={active ? 'sidebar-item sidebar-item--active' : 'sidebar-item'}
      aria-current={active ? 'true' : undefined}
      data-testid={testId}
      onClick={onClick}
    >
      <span className="sidebar-item__icon">{icon}</span>
      <span className="sidebar-item__label">{children}</span>
      {count !== undefined && count !== null && (
        <span className="sidebar-item__count">{count.toLocaleString('en-US')}</span>
      )}
      {hint && <kbd className="sidebar-item__hint">{hint}</kbd>}
    </button>
  );
}
