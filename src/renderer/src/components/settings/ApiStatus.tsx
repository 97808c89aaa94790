import type { LocalApiView } from '../../../../shared/ipc';

/** Running / stopped / port in use, with the last server error. */
export function ApiStatus({ view }: { view: LocalApiView }) {
  let tone: 'ok' | 'off' | 'problem';
  let text: string;
  if (view.problem) {
    tone = 'problem';
    text = `Not running: ${view.problem}`;
  } else if (view.running) {
    tone = 'ok';
    text = `Running on 127.0.0.1:${view.listeningPort ?? view.port}`;
  } else {
    tone = 'off';
    text = view.configuredMode === 'disabled' ? 'Stopped (disabled)' : 'Stopped';
  }
  return (
    <div className="api-status" data-tone={tone} data-testid="api-status">
      <span className="api-status__dot" aria-hidden="true" />
      <span className="api-status__text">{text}</span>
      {view.running && (
        <span className="api-status__count">
          {view.requestCount.toLocaleString('en-US')} {view.requestCount === 1 ? 'request' : 'requests'} since
          start
        </span>
      )}
    </div>
  );
}
