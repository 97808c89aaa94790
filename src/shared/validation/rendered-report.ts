import type { RenderedReport } from '../ipc';
import { invalidInput } from '../errors';

const MAX_ERROR_LENGTH = 500;

/** The window's "I drew the library" report (`app:rendered`), checked like any renderer input. */
export function parseRenderedReport(input: unknown): RenderedReport {
  const report = input as Partial<RenderedReport> | null;
  if (
    typeof report !== 'object' ||
    report === null ||
    !Number.isSafeInteger(report.sessions) ||
    (report.sessions as number) < 0 ||
    !(report.error === null || typeof report.error === 'string')
  ) {
    throw invalidInput('report must be {sessions: a whole number ≥ 0, error: a string or null}');
  }
  return {
    sessions: report.sessions as number,
    error: report.error === null ? null : report.error.slice(0, MAX_ERROR_LENGTH),
  };
}
