import { useEffect } from 'react';
import { useSettingsStore } from '../../stores/settings-store';
import { useUiStore } from '../../stores/ui-store';
import { Banner } from '../feedback/Banner';
import { ArrowLeftIcon, ExternalIcon } from '../icons';
import { ApiModeControl } from './ApiModeControl';
import { ApiStatus } from './ApiStatus';
import { CopyButton } from './CopyButton';
import { PortField } from './PortField';
import { LibrarySettings } from './LibrarySettings';
import { McpSettings } from './McpSettings';
import { RecentRequests } from './RecentRequests';
import { Section, SettingsRow } from './SettingsLayout';
import { TokenField } from './TokenField';

const POLL_MS = 1000;

/** Settings: the Local API (mode, port, token, status, live log) and the library (location, backups, export). */
export function SettingsView() {
  const view = useSettingsStore((state) => state.view);
  const loadError = useSettingsStore((state) => state.loadError);
  const refresh = useSettingsStore((state) => state.refresh);
  const setPage = useUiStore((state) => state.setPage);

  // The request log is live while Settings is open; main also pushes every settings change.
  useEffect(() => {
    void useSettingsStore.getState().refresh();
    const timer = setInterval(() => void useSettingsStore.getState().refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <main className="settings" data-testid="settings-view" aria-labelledby="settings-title">
      <div className="settings__inner">
        <header className="settings__header">
          <h1 id="settings-title" className="settings__title">
            Settings
          </h1>
          <button
            type="button"
            className="button button--ghost button--small"
            data-testid="settings-close"
            onClick={() => setPage('library')}
          >
            <ArrowLeftIcon size={14} /> Back to library <kbd>Esc</kbd>
          </button>
        </header>

        {loadError && (
          <Banner
            tone="error"
            actions={
              <button type="button" className="button button--small" onClick={() => void refresh()}>
                Retry
              </button>
            }
          >
            Settings could not be read: {loadError}
          </Banner>
        )}

        {view && (
          <>
            <Section
              title="Local API"
              description="Lets scripts, launchers and AI agents on this computer work with your library over HTTP. Nothing leaves this machine."
              aside={<ApiStatus view={view} />}
            >
              <ApiModeControl />
              {view.lastError && (
                <p className="field-warning" data-testid="api-last-error">
                  Last error: {view.lastError}
                </p>
              )}
            </Section>

            <Section title="Connection">
              <SettingsRow label="Base URL">
                <div className="value-with-actions">
                  <code className="code-value" data-testid="api-base-url">
                    {view.baseUrl}
                  </code>
                  <CopyButton text={view.baseUrl} testId="api-base-url-copy" />
                </div>
              </SettingsRow>
              <SettingsRow label="Reference">
                <div className="value-with-actions">
                  <a
                    className="link"
                    href={view.docsUrl}
                    target="_blank"
                    rel="noreferrer"
                    data-testid="api-docs-link"
                  >
                    {view.docsUrl}
                    <ExternalIcon size={12} />
                  </a>
                  <CopyButton text={view.docsUrl} testId="api-docs-copy" />
                </div>
              </SettingsRow>
              <SettingsRow label="Port" hint="Scripts reach the API on 127.0.0.1 at this port.">
                <PortField key={view.port} savedPort={view.port} />
              </SettingsRow>
              <SettingsRow label="Token" hint="Send it as Authorization: Bearer <token>.">
                <TokenField token={view.token} />
              </SettingsRow>
            </Section>

            <Section
              title="AI agents (MCP)"
              description="Claude and other AI agents connect through the Model Context Protocol. They can do what the mode allows: only read tools in Read-only, every tool in Full Automation."
              testId="mcp-settings"
            >
              <McpSettings view={view} />
            </Section>

            <Section title="Recent requests" description="The last requests the API answered, newest first.">
              <RecentRequests requests={view.recentRequests} />
            </Section>

            <LibrarySettings libraryProblem={view.libraryProblem} />
          </>
        )}
      </div>
    </main>
  );
}
