import { formatExact, formatRelative } from '../../lib/format-time';
import { useClockStore } from '../../stores/clock-store';

/** "3 days ago", with the exact time on hover; `fallback` when there is no time. */
export function RelativeTime({ iso, fallback = '—' }: { iso: string | null; fallback?: string }) {
  const now = useClockStore((state) => state.now);
  if (!iso) return <span className="relative-time relative-time--empty">{fallback}</span>;
  return (
    <time className="relative-time" dateTime={iso} title={formatExact(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}
