// Chromium's sandbox is never off unless the user chose it: the AppImage launcher's own
// `--no-sandbox` needs the explicit opt-in; a flag typed anywhere else is the user's choice.
import { describe, expect, it } from 'vitest';
import { ALLOW_NO_SANDBOX_ENV, unchosenNoSandbox } from '../../src/main/app/sandbox-guard';

describe('the sandbox guard', () => {
  it('stops an AppImage started with --no-sandbox unless the user opted in', () => {
    const appImage = { APPIMAGE: '/home/me/SessionDock.AppImage' };
    expect(unchosenNoSandbox(['/tmp/.mount/sessiondock', '--no-sandbox'], appImage)).toContain(
      'Install the .deb package instead',
    );
    expect(
      unchosenNoSandbox(['/tmp/.mount/sessiondock', '--no-sandbox'], {
        ...appImage,
        [ALLOW_NO_SANDBOX_ENV]: '1',
      }),
    ).toBeNull();
    expect(unchosenNoSandbox(['/tmp/.mount/sessiondock'], appImage)).toBeNull();
  });

  it('leaves a --no-sandbox typed outside an AppImage, and every sandboxed launch, alone', () => {
    expect(unchosenNoSandbox(['electron', '.', '--no-sandbox'], {})).toBeNull();
    expect(unchosenNoSandbox(['/opt/SessionDock/sessiondock'], {})).toBeNull();
    expect(unchosenNoSandbox(['x', '--no-sandbox'], { APPIMAGE: '' })).toBeNull();
  });
});
