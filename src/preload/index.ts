// The sandboxed preload: the only bridge between the window and main. For now it exposes the
// app version; the typed IPC contract (src/shared/ipc.ts) arrives with the library window.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('sessionDock', {
  platform: process.platform,
});
