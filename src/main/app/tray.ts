import { Menu, Tray, nativeImage } from 'electron';

/** A 16×16 accent dot, drawn in code so the app ships no binary asset for it. */
function trayIcon(): Electron.NativeImage {
  const size = 16;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = (x - 7.5) ** 2 + (y - 7.5) ** 2 <= 36;
      const offset = (y * size + x) * 4;
      // BGRA
      pixels.set(inside ? [0xf2, 0x8b, 0x7c, 0xff] : [0, 0, 0, 0], offset);
    }
  }
  return nativeImage.createFromBitmap(pixels, { width: size, height: size });
}

/** Shown while the Local API keeps running with the window closed. */
export function createApiTray(baseUrl: string, actions: { show: () => void; quit: () => void }): Tray {
  const tray = new Tray(trayIcon());
  tray.setToolTip(`SessionDock — Local API running at ${baseUrl}`);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'SessionDock Local API is running', enabled: false },
      { label: baseUrl, enabled: false },
      { type: 'separator' },
      { label: 'Show SessionDock', click: actions.show },
      { label: 'Quit SessionDock', click: actions.quit },
    ]),
  );
  tray.on('click', actions.show);
  return tray;
}
