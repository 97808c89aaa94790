import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';

/**
 * IPC is answered only for our window's top frame showing our own page: a frame navigated
 * elsewhere (or an embedded one) cannot call into main.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: BrowserWindow | null,
  rendererUrl: string | null,
): boolean {
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isOwnPageUrl(frame.url, rendererUrl);
}

/** Our page is the built index.html (file:) or, in development, the electron-vite dev server. */
export function isOwnPageUrl(url: string, rendererUrl: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (rendererUrl) return parsed.origin === new URL(rendererUrl).origin;
  return parsed.protocol === 'file:' && parsed.pathname.endsWith('/renderer/index.html');
}

/** The only link the window may open: the running Local API's own reference page. */
export function isLocalApiDocsUrl(url: string, port: number | null): boolean {
  if (port === null) return false;
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'http:' &&
      (parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost') &&
      parsed.port === String(port) &&
      (parsed.pathname === '/docs' || parsed.pathname.startsWith('/docs/'))
    );
  } catch {
    return false;
  }
}
