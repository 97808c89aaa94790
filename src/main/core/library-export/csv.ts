/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, or a line break, quotes
 * doubled. A field a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
 * or a carriage return) gets a leading `'`, as OWASP recommends against CSV injection: a session
 * note starting "=HYPERLINK(…)" is shown, never run.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record, ended by CRLF as RFC 4180 and Excel expect. */
export function csvRow(values: readonly (string | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';
