import type { SessionDockBridge } from '../shared/ipc';

declare global {
  interface Window {
    sessionDock: SessionDockBridge;
  }
}
