// The bridge's command line and environment: where it looks for SessionDock and its token, and the
// URLs it refuses because the token would leave the machine.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/main/core/data-dir';
import { BridgeUsageError, parseBridgeArgs, type BridgeOptions } from '../../src/mcp-bridge/options';

function parse(argv: string[], env: Record<string, string> = {}): BridgeOptions {
  const options = parseBridgeArgs(argv, env);
  if (options === 'help') throw new Error('unexpected help');
  return options;
}

describe('bridge options', () => {
  it("defaults to the desktop app's data folder and port 18432", () => {
    const options = parse([]);
    expect(options.url.href).toBe('http://127.0.0.1:18432/mcp');
    expect(options.tokenPath).toBe(join(defaultDataDir(), 'local-api-token'));
  });

  it('takes --data-dir and --port, over SESSIONDOCK_DATA_DIR and SESSIONDOCK_PORT', () => {
    const env = { SESSIONDOCK_DATA_DIR: '/env/dir', SESSIONDOCK_PORT: '9000' };
    expect(parse([], env)).toEqual({
      url: new URL('http://127.0.0.1:9000/mcp'),
      tokenPath: join('/env/dir', 'local-api-token'),
    });
    expect(parse(['--data-dir', '/arg/dir', '--port', '9001'], env)).toEqual({
      url: new URL('http://127.0.0.1:9001/mcp'),
      tokenPath: join('/arg/dir', 'local-api-token'),
    });
    // An empty variable (a client config's placeholder) is not a value.
    expect(parse([], { SESSIONDOCK_DATA_DIR: '', SESSIONDOCK_PORT: ' ' }).url.port).toBe('18432');
  });

  it('takes a loopback --url', () => {
    for (const url of [
      'http://127.0.0.1:18500/mcp',
      'http://localhost:18500/mcp',
      'http://[::1]:18500/mcp',
      'http://127.0.0.2/mcp',
    ]) {
      expect(parse(['--url', url]).url.href).toBe(url);
    }
  });

  it.each([
    ['http://192.168.1.20:18432/mcp', 'must be on this machine'],
    ['http://example.com/mcp', 'must be on this machine'],
    ['http://localhost.example.com/mcp', 'must be on this machine'],
    ['http://127.0.0.1.nip.io/mcp', 'must be on this machine'],
    ['https://127.0.0.1:18432/mcp', 'must be http://'],
    ['file:///etc/passwd', 'must be http://'],
    ['http://user:secret@127.0.0.1:18432/mcp', 'must not hold credentials'],
    ['not a url', 'is not a URL'],
  ])('refuses --url %s', (url, message) => {
    expect(() => parseBridgeArgs(['--url', url], {})).toThrow(BridgeUsageError);
    expect(() => parseBridgeArgs(['--url', url], {})).toThrow(message);
  });

  it.each([
    [['--port', '0'], 'the port must be 1-65535'],
    [['--port', '70000'], 'the port must be 1-65535'],
    [['--port', '12ab'], 'the port must be 1-65535'],
    [['--port', '1', '--url', 'http://127.0.0.1:1/mcp'], 'give --port or --url, not both'],
    [['--verbose'], "Unknown option '--verbose'"],
    [['extra'], 'Unexpected argument'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseBridgeArgs(argv, {})).toThrow(message);
  });

  it('answers help for --help and -h', () => {
    expect(parseBridgeArgs(['--help'], {})).toBe('help');
    expect(parseBridgeArgs(['-h'], {})).toBe('help');
  });
});
