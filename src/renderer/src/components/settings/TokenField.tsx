import { useState } from 'react';
import { useDialogStore } from '../../stores/dialog-store';
import { useSettingsStore } from '../../stores/settings-store';
import { CopyButton } from './CopyButton';

/** "sdk_••••••••AbCd": enough to recognise the token, not enough to use it. */
export function maskToken(token: string): string {
  if (!token.startsWith('sdk_') || token.length < 12) return '••••••••';
  return `sdk_${'•'.repeat(12)}${token.slice(-4)}`;
}

/** The bearer token, masked unless shown, with Copy and Rotate. */
export function TokenField({ token }: { token: string }) {
  const [shown, setShown] = useState(false);
  const busy = useSettingsStore((state) => state.busy === 'token');
  const error = useSettingsStore((state) =>
    state.actionError?.what === 'token' ? state.actionError.message : null,
  );
  const rotate = useSettingsStore((state) => state.rotateToken);
  const ask = useDialogStore((state) => state.ask);

  const onRotate = async (): Promise<void> => {
    const confirmed = await ask({
      title: 'Rotate the API token?',
      message:
        'A new token is made at once. Scripts and agents using the old token will stop working until they are given the new one.',
      confirmLabel: 'Rotate token',
      danger: true,
      initialFocus: 'cancel',
    });
    if (confirmed) await rotate();
  };

  return (
    <div className="settings-field">
      <div className="token-field">
        <code className="token-field__value" data-testid="api-token" data-masked={!shown}>
          {shown ? token : maskToken(token)}
        </code>
        <button
          type="button"
          className="button button--small"
          data-testid="api-token-show"
          aria-pressed={shown}
          onClick={() => setShown(!shown)}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
        <CopyButton text={token} testId="api-token-copy" />
        <button
          type="button"
          className="button button--small button--danger"
          data-testid="api-token-rotate"
          disabled={busy}
          onClick={() => void onRotate()}
        >
          {busy ? 'Rotating…' : 'Rotate token…'}
        </button>
      </div>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
