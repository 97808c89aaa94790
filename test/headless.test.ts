import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');

interface Running {
  child: ChildProcessWithoutNullStreams;
  baseUrl: string;
  stderr: () => string;
}

const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sessiondock-headless-'));
  dirs.push(dir);
  return dir;
}

function spawnHeadless(args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/headless.ts', ...args], { cwd: ROOT });
  children.push(child);
  return child;
}

/** Starts headless and resolves once it prints its base URL on stdout. */
function startHeadless(args: string[]): Promise<Running> {
  const child = spawnHeadless(args);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/api\/v1)/.exec(line);
      if (match) resolve({ child, baseUrl: match[1]!, stderr: () => stderr });
      else reject(new Error(`unexpected first line: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
}

function exitOf(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null) return Promise.resolve({ code: child.exitCode, signal: null });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

function collect(child: ChildProcessWithoutNullStreams): { stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { stdout: () => stdout, stderr: () => stderr };
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('headless mode', () => {
  it('serves health with the token from the data dir and shuts down cleanly on SIGTERM', async () => {
    const dataDir = join(tempDir(), 'library');
    const { child, baseUrl } = await startHeadless([
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--mode',
      'read-only',
    ]);
    const token = readFileSync(join(dataDir, 'local-api-token'), 'utf8').trim();

    const response = await fetch(`${baseUrl}/health`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Record<string, unknown> };
    expect(body.data).toMatchObject({
      status: 'ok',
      configuredMode: 'read-only',
      effectiveMode: 'read-only',
      running: true,
      baseUrl,
      lastError: null,
    });

    const refused = await fetch(`${baseUrl}/health`);
    expect(refused.status).toBe(401);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
    // Closed cleanly: the WAL was checkpointed into the main file and the library opens.
    const db = new Database(join(dataDir, 'library.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('stops on SIGINT too', async () => {
    const { child } = await startHeadless([
      '--data-dir',
      tempDir(),
      '--port',
      '0',
      '--mode',
      'full-automation',
    ]);
    child.kill('SIGINT');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  });

  it('refuses to run a library whose saved mode is disabled without --mode, and says so', async () => {
    const child = spawnHeadless(['--data-dir', tempDir(), '--port', '0']);
    const output = collect(child);
    expect((await exitOf(child)).code).toBe(2);
    expect(output.stderr()).toContain('--mode read-only');
    expect(output.stdout()).toBe('');
  });

  it('rejects bad options with usage', async () => {
    for (const args of [['--mode', 'disabled'], ['--port', 'abc'], ['--port', '70000'], ['--bogus']]) {
      const child = spawnHeadless(['--data-dir', tempDir(), ...args]);
      const output = collect(child);
      expect((await exitOf(child)).code).toBe(2);
      expect(output.stderr()).toContain('Usage: npm run headless');
    }
  });

  it('reports a port already in use', async () => {
    const first = await startHeadless(['--data-dir', tempDir(), '--port', '0', '--mode', 'read-only']);
    const port = new URL(first.baseUrl).port;
    const second = spawnHeadless(['--data-dir', tempDir(), '--port', port, '--mode', 'read-only']);
    const output = collect(second);
    expect((await exitOf(second)).code).toBe(1);
    expect(output.stderr()).toContain(`port ${port} is in use`);
  });
});
