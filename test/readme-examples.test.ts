// The README's Local API examples, run as written (with bash and curl) against `npm run headless`
// on the default port, with HOME pointed at a temp folder so `~/.config/SessionDock` is the library.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The shell block of the README's API section: its setup lines and each curl command. */
function readmeExamples(): { setup: string[]; commands: string[] } {
  const section = README.slice(README.indexOf('## The Local API in brief'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  const lines = block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    setup: lines.filter((line) => !line.startsWith('curl')),
    commands: lines.filter((line) => line.startsWith('curl')).map((line) => line.replace(/\s+#.*$/, '')),
  };
}

let home: string;
let child: ChildProcessWithoutNullStreams;
let sessionId: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'sessiondock-readme-'));
  const dataDir = join(home, '.config', 'SessionDock');
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/headless.ts', '--data-dir', dataDir, '--mode', 'full-automation'],
    { cwd: ROOT, env: { ...process.env, HOME: home } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) =>
      line.includes('http://127.0.0.1:18432/api/v1') ? resolve() : reject(new Error(line)),
    );
    child.once('exit', () => reject(new Error(`headless exited (is port 18432 free?): ${stderr}`)));
  });
  const token = readFileSync(join(dataDir, 'local-api-token'), 'utf8').trim();
  const created = await fetch('http://127.0.0.1:18432/api/v1/sessions', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      title: 'Drums for Ana',
      kind: 'Ableton',
      tags: ['mix', 'priority'],
      notes: 'edm drums',
    }),
  });
  sessionId = ((await created.json()) as { data: { id: string } }).data.id;
});

afterAll(() => {
  child?.kill('SIGTERM');
  rmSync(home, { recursive: true, force: true });
});

describe('the README API examples against headless mode', () => {
  const { setup, commands } = readmeExamples();
  // The create example answers 201, focus 501 (no window in headless mode), the rest 200.
  const expected = (command: string): number =>
    command.includes('/focus') ? 501 : / -d .*\$SD\/sessions$/.test(command) ? 201 : 200;

  it('has the published examples', () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
    expect(setup.some((line) => line.includes('local-api-token'))).toBe(true);
  });

  it.each(commands)('%s', (command) => {
    const script = [...setup, `${command} -s -o /dev/null -w '%{http_code}'`].join('\n');
    const status = execFileSync('bash', ['-c', script], {
      env: { ...process.env, HOME: home, ID: sessionId },
      encoding: 'utf8',
    });
    expect(Number(status)).toBe(expected(command));
  });
});
