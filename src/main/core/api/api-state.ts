import type { ApiMode } from '../../../shared/domain';

/**
 * What the API asks of its host on every request, so mode and port changes apply to the very
 * next request with no restart.
 */
export interface ApiState {
  configuredMode(): ApiMode;
  /** `read-only` whenever the app cannot write, whatever was configured. */
  effectiveMode(): ApiMode;
  /** The port actually listened on (null while not listening). */
  port(): number | null;
}
