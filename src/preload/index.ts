// The sandboxed preload: the only bridge between the window and main. It exposes one function per
// contract channel on `window.sessionDock`, plus event subscriptions that hand over plain data
// (never the IpcRendererEvent, which would leak `sender`).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_EVENTS, IPC_METHODS, type IpcEvent, type SessionDockBridge } from '../shared/ipc';

const bridge: Record<string, unknown> = {};
for (const [name, channel] of Object.entries(IPC_METHODS)) {
  bridge[name] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
}
bridge.on = (event: IpcEvent, listener: (payload: unknown) => void) => {
  if (!(IPC_EVENTS as readonly string[]).includes(event))
    throw new Error(`Unknown SessionDock event: ${event}`);
  const wrapped = (_event: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => ipcRenderer.removeListener(event, wrapped);
};

bridge.pathForFile = (file: File) => {
  try {
    return webUtils.getPathForFile(file) || null;
  } catch {
    return null;
  }
};

contextBridge.exposeInMainWorld('sessionDock', bridge as SessionDockBridge);
