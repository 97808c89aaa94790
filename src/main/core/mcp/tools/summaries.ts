import type { Session } from '../../../../shared/domain';

/** How many items a summary names before "and N more": enough to act on, short enough to read. */
const NAMED_MAX = 10;

/** One line naming a session the way an agent refers back to it: title, kind, status, id. */
export function sessionLine(session: Session): string {
  return `"${session.title}" (${session.kind}, ${session.status}) id ${session.id}`;
}

/** The first few lines of a list and how many were left out. */
export function listLines<T>(items: readonly T[], line: (item: T) => string, total = items.length): string {
  const named = items.slice(0, NAMED_MAX).map((item) => `- ${line(item)}`);
  const more = total - Math.min(items.length, NAMED_MAX);
  return [...named, ...(more > 0 ? [`- … and ${more} more`] : [])].join('\n');
}

/** "1 session", "3 sessions". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
