// How Settings tells a stdio-only MCP client to start SessionDock's bridge (issue 14): this very
// executable on the bundle beside the main bundle (the packaged app's unpacked copy first), with
// this library's data folder and port only when they are not the defaults.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_API_PORT } from '../../src/shared/domain';
import { defaultDataDir } from '../../src/main/core/data-dir';
import { mcpBridgeLaunch } from '../../src/main/core/mcp/bridge-launch';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A built app's layout: out/main/{chunks/api.js, sessiondock-mcp.js}, optionally inside app.asar. */
function layout(asar: boolean): { chunkUrl: string; bundle: string } {
  const root = mkdtempSync(join(tmpdir(), 'sessiondock-bridge-launch-'));
  dirs.push(root);
  const app = asar ? join(root, 'resources', 'app.asar') : root;
  const unpacked = asar ? join(root, 'resources', 'app.asar.unpacked') : root;
  mkdirSync(join(app, 'out', 'main', 'chunks'), { recursive: true });
  mkdirSync(join(unpacked, 'out', 'main'), { recursive: true });
  writeFileSync(join(app, 'out', 'main', 'chunks', 'api.js'), '');
  const bundle = join(unpacked, 'out', 'main', 'sessiondock-mcp.js');
  writeFileSync(bundle, '');
  return { chunkUrl: pathToFileURL(join(app, 'out', 'main', 'chunks', 'api.js')).href, bundle };
}

describe('mcpBridgeLaunch', () => {
  it('runs this executable on the bundle beside the main bundle, no options for the defaults', () => {
    const { chunkUrl, bundle } = layout(false);
    expect(mcpBridgeLaunch(defaultDataDir(), DEFAULT_API_PORT, chunkUrl, {})).toEqual({
      command: process.execPath,
      args: [bundle],
      env: {},
    });
  });

  it("prefers the packaged app's unpacked copy, and names a data folder and port of its own", () => {
    const { chunkUrl, bundle } = layout(true);
    expect(bundle).toContain('app.asar.unpacked');
    expect(mcpBridgeLaunch('/libraries/studio', 18500, chunkUrl, {})?.args).toEqual([
      bundle,
      '--data-dir',
      '/libraries/studio',
      '--port',
      '18500',
    ]);
  });

  it('gives no config where no stable path exists: an AppImage, or no bundle', () => {
    const { chunkUrl } = layout(false);
    expect(
      mcpBridgeLaunch(defaultDataDir(), DEFAULT_API_PORT, chunkUrl, { APPIMAGE: '/x.AppImage' }),
    ).toBeNull();
    const empty = mkdtempSync(join(tmpdir(), 'sessiondock-bridge-launch-'));
    dirs.push(empty);
    writeFileSync(join(empty, 'index.js'), '');
    expect(
      mcpBridgeLaunch(defaultDataDir(), DEFAULT_API_PORT, pathToFileURL(join(empty, 'index.js')).href, {}),
    ).toBeNull();
  });

  it("from TypeScript sources, runs the repository's bin", () => {
    expect(mcpBridgeLaunch(defaultDataDir(), DEFAULT_API_PORT)?.args).toEqual([
      join(__dirname, '..', '..', 'bin', 'sessiondock-mcp.cjs'),
    ]);
  });
});
