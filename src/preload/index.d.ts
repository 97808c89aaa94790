export interface SessionDockBridge {
  platform: string;
}

declare global {
  interface Window {
    sessionDock: SessionDockBridge;
  }
}
