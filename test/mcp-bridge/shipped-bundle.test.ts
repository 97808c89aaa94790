// What ships: the real `electron-vite build` (electron.vite.config.ts) into a temporary folder, and
// its out/main/sessiondock-mcp.js copied alone into an empty folder — as in app.asar.unpacked, with
// no node_modules within reach — then started the way a packaged app starts it:
// `<binary> <path> …` with ELECTRON_RUN_AS_NODE=1. The binary here is Node itself (Electron's is not
// installed on every machine; the bundle needs only what both provide). The build takes a few
// seconds, so this runs without a prior `npm run build`. electron-builder.yml's asarUnpack is
// checked in test/shell/packaging.test.ts.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { callTool } from '../helpers/mcp-client';
import { BIN, connectStdio, coreDataDir, ROOT } from './bridge-process';

const fromProject = createRequire(join(ROOT, 'package.json'));
const work = mkdtempSync(join(tmpdir(), 'sessiondock-bridge-build-'));
const alone = join(work, 'app.asar.unpacked', 'out', 'main', 'sessiondock-mcp.js');

function build(outDir: string): Promise<void> {
  const cli = join(dirname(fromProject.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'build', '--outDir', outDir, '--logLevel', 'warn'], {
      cwd: ROOT,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`electron-vite build exited with ${code}:\n${output}`)),
    );
  });
}

let h: ApiHarness;

beforeAll(async () => {
  const outDir = join(work, 'out');
  await build(outDir);
  mkdirSync(dirname(alone), { recursive: true });
  copyFileSync(join(outDir, 'main', 'sessiondock-mcp.js'), alone);
  h = await startApi();
}, 120_000);

afterAll(async () => {
  await h?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the bridge as it ships', () => {
  it('is one small file that loads only Node built-ins', () => {
    const code = readFileSync(alone, 'utf8');
    const loaded = [...code.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((name) => !isBuiltin(name))).toEqual([]);
    expect(statSync(alone).size).toBeLessThan(100_000);
  });

  it('serves the SDK client from a folder of its own, started as the packaged app starts it', async () => {
    const bridge = await connectStdio(
      [alone, '--data-dir', coreDataDir(h), '--port', String(h.server.port())],
      {
        cwd: dirname(alone),
        env: { ELECTRON_RUN_AS_NODE: '1' },
      },
    );
    try {
      const { tools } = await bridge.client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('create_session');
      const created = await callTool(bridge.client, 'create_session', { title: 'Shipped', kind: 'Bitwig' });
      expect(created.isError).toBeFalsy();
      expect(bridge.transportErrors).toEqual([]);
      expect(bridge.stderr()).toContain('sessiondock-mcp: forwarding MCP on stdin/stdout to');
    } finally {
      await bridge.close();
    }
  });
});

describe('bin/sessiondock-mcp.cjs', () => {
  const { builtBridgeStatus } = createRequire(__filename)(BIN) as {
    builtBridgeStatus(root: string): { current: boolean; reason: string | null };
  };

  it('is package.json’s `sessiondock-mcp` bin, a Node script', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: unknown };
    expect(manifest.bin).toEqual({ 'sessiondock-mcp': 'bin/sessiondock-mcp.cjs' });
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });

  it('runs the build only while no source is newer than it', () => {
    const root = join(work, 'fake-root');
    const file = (path: string, seconds: number) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), '');
      utimesSync(join(root, path), seconds, seconds);
    };
    expect(builtBridgeStatus(root)).toEqual({
      current: false,
      reason: 'there is no build (out/main/sessiondock-mcp.js)',
    });
    file('src/mcp-bridge/bridge.ts', 1_000);
    file('src/main/core/data-dir.ts', 1_000);
    file('out/main/sessiondock-mcp.js', 2_000);
    expect(builtBridgeStatus(root)).toEqual({ current: true, reason: null });
    file('src/mcp-bridge/bridge.ts', 3_000);
    expect(builtBridgeStatus(root)).toEqual({
      current: false,
      reason: `${join('src', 'mcp-bridge', 'bridge.ts')} changed after the build (out/main/sessiondock-mcp.js)`,
    });
  });
});
