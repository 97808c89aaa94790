// Small page helpers for the window's e2e tests (vitest's expect has no locator matchers).
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import type { E2eApp } from './harness';

export function rowOf(app: E2eApp, id: string): Locator {
  return app.page.locator(`[data-testid="session-row"][data-session-id="${id}"]`);
}

export function byTestId(app: E2eApp, testId: string): Locator {
  return app.page.getByTestId(testId);
}

/** Clicks the row and waits for the detail panel to show that session. */
export async function selectRow(app: E2eApp, id: string): Promise<void> {
  await rowOf(app, id).click();
  await expect.poll(() => byTestId(app, 'detail-panel').getAttribute('data-session-id')).toBe(id);
}

/** The session as the Local API returns it now. */
export async function apiSession(app: E2eApp, id: string): Promise<Record<string, unknown> | null> {
  const response = await app.apiRequest('GET', `/sessions/${id}`);
  return response.status === 200 ? response.json.data : null;
}

/** The data-testid of the focused element (a string script: this file compiles without DOM types). */
export async function focusedTestId(app: E2eApp): Promise<string | null> {
  return app.page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null");
}

/** Drops files (name → contents) on the window the way a file manager would. */
export async function dropFiles(app: E2eApp, files: Record<string, string>): Promise<void> {
  await app.page.evaluate(`(() => {
    const transfer = new DataTransfer();
    for (const [name, text] of Object.entries(${JSON.stringify(files)})) transfer.items.add(new File([text], name));
    for (const type of ['dragenter', 'dragover', 'drop'])
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  })()`);
}
