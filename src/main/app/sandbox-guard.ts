/** Set to 1 to run an AppImage whose launcher turned Chromium's sandbox off: the user's own choice. */
export const ALLOW_NO_SANDBOX_ENV = 'SESSIONDOCK_ALLOW_NO_SANDBOX';

/**
 * Why this launch must not go on, or null. SessionDock never runs without Chromium's sandbox unless
 * the user chose to. electron-builder's AppImage launcher adds `--no-sandbox` by itself where user
 * namespaces are restricted (Ubuntu ≥ 23.10), and from inside the app that cannot be told apart from
 * a user's own flag; so under an AppImage (`APPIMAGE` is set) the flag needs the explicit opt-in.
 * Anywhere else `--no-sandbox` can only come from the person who typed it.
 */
export function unchosenNoSandbox(argv: readonly string[], env: NodeJS.ProcessEnv): string | null {
  if (!argv.includes('--no-sandbox') || !env.APPIMAGE || env[ALLOW_NO_SANDBOX_ENV] === '1') return null;
  return (
    "This SessionDock AppImage was started without Chromium's sandbox: the AppImage launcher turns " +
    'it off on systems that restrict user namespaces (Ubuntu 23.10 and later), and SessionDock does ' +
    'not run unsandboxed unless you choose to.\n\n' +
    'Install the .deb package instead (it keeps the sandbox), or allow user namespaces for this ' +
    'AppImage with an AppArmor profile. To run it without the sandbox anyway, start it with ' +
    `${ALLOW_NO_SANDBOX_ENV}=1.`
  );
}
