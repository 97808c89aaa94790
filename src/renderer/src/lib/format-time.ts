// Relative times for rows ("3 days ago") and exact times for their title attribute.
// English on purpose: the rest of the interface is English, and a mix reads badly.

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const exact = new Intl.DateTimeFormat('en', {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const shortDate = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric' });
const clock = new Intl.DateTimeFormat('en', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago"…; a plain date past a year. */
export function formatRelative(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((then - now) / 1000);
  const size = Math.abs(seconds);
  if (size < 45) return 'just now';
  if (size < 45 * MINUTE) return relative.format(Math.round(seconds / MINUTE), 'minute');
  if (size < 22 * HOUR) return relative.format(Math.round(seconds / HOUR), 'hour');
  if (size < 7 * DAY) return relative.format(Math.round(seconds / DAY), 'day');
  if (size < 5 * WEEK) return relative.format(Math.round(seconds / WEEK), 'week');
  if (size < YEAR) return relative.format(Math.round(seconds / MONTH), 'month');
  return shortDate.format(then);
}

export function formatExact(iso: string): string {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? iso : exact.format(then);
}

/** 24-hour wall-clock time, for the request log. */
export function formatClock(iso: string): string {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? iso : clock.format(then);
}

/** A position in a preview: "1:05.3" (tenths), "1:02:05" past an hour. */
export function formatPlayTime(seconds: number): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  const tenths = Math.floor(safe * 10);
  const whole = Math.floor(tenths / 10);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return `${m}:${String(s).padStart(2, '0')}.${tenths % 10}`;
}
