import type { LocalApiView } from '../../../../shared/ipc';
import { CopyButton } from './CopyButton';
import { SettingsRow } from './SettingsLayout';
import { maskToken } from './TokenField';

/** The server's name in a client's config: what the agent's tool list is grouped under. */
const SERVER_NAME = 'sessiondock';

/** `mcpServers` config for clients that start the stdio bridge (Claude Desktop, and most others). */
export function stdioConfig(view: Pick<LocalApiView, 'mcpBridge'>): string | null {
  const launch = view.mcpBridge;
  if (!launch) return null;
  const server = {
    command: launch.command,
    args: launch.args,
    ...(Object.keys(launch.env).length > 0 && { env: launch.env }),
  };
  return JSON.stringify({ mcpServers: { [SERVER_NAME]: server } }, null, 2);
}

/** Config for clients that speak Streamable HTTP and can send a header (VS Code, Cursor…). */
export function httpConfig(view: Pick<LocalApiView, 'mcpUrl'>, token: string): string {
  return JSON.stringify(
    {
      mcpServers: {
        [SERVER_NAME]: { type: 'http', url: view.mcpUrl, headers: { Authorization: `Bearer ${token}` } },
      },
    },
    null,
    2,
  );
}

/** Settings → AI agents (MCP): the endpoint, and configs ready to paste into an MCP client. */
export function McpSettings({ view }: { view: LocalApiView }) {
  const stdio = stdioConfig(view);
  return (
    <>
      <SettingsRow label="MCP endpoint" hint="Streamable HTTP, with the API's token, modes and protections.">
        <div className="value-with-actions">
          <code className="code-value" data-testid="mcp-url">
            {view.mcpUrl}
          </code>
          <CopyButton text={view.mcpUrl} testId="mcp-url-copy" />
        </div>
      </SettingsRow>
      <SettingsRow
        label="Claude Desktop"
        hint={
          stdio
            ? 'Starts SessionDock’s bridge, which reads the token itself: nothing to update after a rotation.'
            : 'Run the bridge from a fixed copy of SessionDock: see the README, “Connecting MCP clients”.'
        }
      >
        {stdio ? (
          <div className="settings-field">
            <pre className="config-snippet" data-testid="mcp-stdio-config">
              {stdio}
            </pre>
            <div>
              <CopyButton text={stdio} label="Copy config" testId="mcp-stdio-config-copy" />
            </div>
          </div>
        ) : (
          <span className="settings-help" data-testid="mcp-stdio-unavailable">
            No stable path to the bridge in this copy of SessionDock.
          </span>
        )}
      </SettingsRow>
      <SettingsRow
        label="HTTP clients"
        hint="For clients that send headers (VS Code, Cursor…). It holds the token: copy it again after a rotation."
      >
        <div className="settings-field">
          <pre className="config-snippet" data-testid="mcp-http-config">
            {httpConfig(view, maskToken(view.token))}
          </pre>
          <div>
            <CopyButton
              text={httpConfig(view, view.token)}
              label="Copy config"
              testId="mcp-http-config-copy"
            />
          </div>
        </div>
      </SettingsRow>
    </>
  );
}
