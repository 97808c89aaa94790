import { useState } from 'react';
import { useSettingsStore } from '../../stores/settings-store';

/** The saved port, changed with Apply (not on every keystroke: a half-typed port is no port). */
export function PortField({ savedPort }: { savedPort: number }) {
  const [text, setText] = useState<string | null>(null);
  const busy = useSettingsStore((state) => state.busy === 'port');
  const error = useSettingsStore((state) =>
    state.actionError?.what === 'port' ? state.actionError.message : null,
  );
  const setPort = useSettingsStore((state) => state.setPort);
  const value = text ?? String(savedPort);
  const parsed = Number(value);
  const valid = /^\d+$/.test(value.trim()) && parsed >= 1 && parsed <= 65535;
  const changed = valid && parsed !== savedPort;

  const apply = async (): Promise<void> => {
    if (!changed) return;
    if (await setPort(parsed)) setText(null);
  };

  return (
    <div className="settings-field">
      <div className="port-field">
        <input
          className="input input--mono port-field__input"
          inputMode="numeric"
          aria-label="Port"
          value={value}
          data-testid="api-port"
          aria-invalid={!valid}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void apply();
          }}
        />
        <button
          type="button"
          className="button button--small"
          data-testid="api-port-apply"
          disabled={!changed || busy}
          onClick={() => void apply()}
        >
          {busy ? 'Applying…' : 'Apply'}
        </button>
      </div>
      {!valid && <p className="field-error">Enter a port between 1 and 65535.</p>}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
