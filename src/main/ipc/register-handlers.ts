// The only place main touches ipcMain: every contract channel is registered here from the typed
// handlers, and every call is checked to come from our own window's top frame.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { IpcChannel } from '../../shared/ipc';
import { fail } from '../../shared/result';
import type { IpcHandlers } from './handlers';

/** Registers every handler; returns a function that removes them. */
export function registerIpcHandlers(
  handlers: IpcHandlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
) {
  const channels = Object.keys(handlers) as IpcChannel[];
  for (const channel of channels) {
    const handler = handlers[channel] as (...args: unknown[]) => Promise<unknown>;
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) {
        return fail({
          code: 'forbidden_origin',
          message: 'IPC refused: the sender is not the SessionDock window.',
        });
      }
      return handler(...args);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
