import { API_MODES, type ApiMode } from '../../../../shared/domain';
import { useSettingsStore } from '../../stores/settings-store';

const MODE_LABELS: Record<ApiMode, string> = {
  disabled: 'Disabled',
  'read-only': 'Read-only',
  'full-automation': 'Full Automation',
};

const MODE_HELP: Record<ApiMode, string> = {
  disabled: 'The Local API is off and its port is closed.',
  'read-only': 'Scripts and agents can read your library, but not change it.',
  'full-automation': 'Scripts and agents can create, edit, delete and open sessions.',
};

/** Disabled / Read-only / Full Automation, applied at once (no restart). */
export function ApiModeControl() {
  const mode = useSettingsStore((state) => state.view?.configuredMode ?? null);
  const effective = useSettingsStore((state) => state.view?.effectiveMode ?? null);
  const busy = useSettingsStore((state) => state.busy === 'mode');
  const error = useSettingsStore((state) =>
    state.actionError?.what === 'mode' ? state.actionError.message : null,
  );
  const setMode = useSettingsStore((state) => state.setMode);

  return (
    <div className="settings-row settings-row--stacked">
      <div className="segmented segmented--wide" role="radiogroup" aria-label="Local API mode">
        {API_MODES.map((option) => (
          <button
            key={option}
            type="button"
            role="radio"
            aria-checked={mode === option}
            className="segmented__button"
            data-testid={`api-mode-${option}`}
            disabled={busy}
            onClick={() => void setMode(option)}
          >
            {MODE_LABELS[option]}
          </button>
        ))}
      </div>
      <p className="settings-help">{mode ? MODE_HELP[mode] : ' '}</p>
      {mode && effective && mode !== effective && mode !== 'disabled' && (
        <p className="field-warning">
          The library cannot be written right now, so scripts get read-only access until it can.
        </p>
      )}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
