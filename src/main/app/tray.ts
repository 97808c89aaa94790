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

/**
 * Desktops that show tray icons although their XDG_CURRENT_DESKTOP also names GNOME, or that are
 * known to have a tray of their own. Lower-case; compared with each entry of the variable.
 */
const TRAY_HOST_DESKTOPS = new Set([
  'ubuntu', // ubuntu:GNOME — Ubuntu ships and enables the AppIndicator extension
  'budgie', // Budgie:GNOME
  'unity',
  'pantheon',
  'gnome-flashback', // GNOME-Flashback:GNOME — a gnome-panel with a notification area
  'kde',
  'xfce',
  'x-cinnamon',
  'cinnamon',
  'mate',
  'lxqt',
  'lxde',
  'deepin',
]);

/**
 * Whether the desktop can show a Tray icon at all. A Tray on a desktop with no tray host is
 * created without error and never appears, so a window closed "to the tray" would be lost.
 *
 * The rule: macOS (menu bar) and Windows (notification area) always have one. Elsewhere we read
 * `XDG_CURRENT_DESKTOP`, a colon-separated list of desktop names (e.g. `ubuntu:GNOME`), case
 * aside:
 * - it names GNOME and none of the desktops above → false. GNOME Shell has shown no status icons
 *   since 3.26; only the AppIndicator/KStatusNotifierItem extension brings them back, and it is
 *   not there by default on Fedora, Debian, Arch… (GNOME-Classic is GNOME Shell too). We cannot
 *   see from here whether someone installed it, so we assume not.
 * - it names one of the desktops above → true, even alongside GNOME (`ubuntu:GNOME`).
 * - anything else, or unset → true: an unknown desktop is assumed to have a tray.
 */
export function hasTrayHost(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  const desktops = (env.XDG_CURRENT_DESKTOP ?? '')
    .split(':')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (desktops.some((name) => TRAY_HOST_DESKTOPS.has(name))) return true;
  return !desktops.some((name) => name === 'gnome' || name === 'gnome-classic');
}
