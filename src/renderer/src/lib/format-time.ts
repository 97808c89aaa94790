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
