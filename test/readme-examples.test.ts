// The README's Local API examples, run as written (with bash and curl) against `npm run headless`
// on the default port, with HOME pointed at a temp folder so `~/.config/SessionDock` is the library.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { encodeWav, sine } from './audio/audio-writers';

const ROOT = join(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The shell blocks of the README's API section: their setup lines and each curl command. */
function readmeExamples(): { setup: string[]; commands: string[] } {
  const start = README.indexOf('## The Local API in brief');
  const section = README.slice(start, README.indexOf('\n## ', start + 1));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const lines = blocks
    .join('\n')
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    setup: lines.filter((line) => !line.startsWith('curl')),
    commands: lines
      .filter((line) => line.startsWith('curl'))
      // Comments go; so does an output file, since the test reads only the status.
      .map((line) => line.replace(/\s+#.*$/, '').replace(/ -o \S+/, '')),
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
  // A real mixdown, so the waveform and audio examples have something to answer with.
  const mix = join(home, 'Drums for Ana mix.wav');
  const wave = sine(44_100, 44_100, 110, 0.5);
  writeFileSync(mix, encodeWav({ sampleRate: 44_100, channels: [wave], format: { kind: 'int', bits: 16 } }));
  await fetch(`http://127.0.0.1:18432/api/v1/sessions/${sessionId}/previews`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ path: mix }),
  });
  // Cover art, so the artwork example has a thumbnail to answer with.
  const cover = join(home, 'cover.png');
  await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c04080' } })
    .png()
    .toFile(cover);
  await fetch(`http://127.0.0.1:18432/api/v1/sessions/${sessionId}/artwork`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ path: cover }),
  });
});

afterAll(() => {
  child?.kill('SIGTERM');
  rmSync(home, { recursive: true, force: true });
});

describe('the README API examples against headless mode', () => {
  const { setup, commands } = readmeExamples();
  // Create (a session, a collection) answers 201, import 202, a Range request 206, focus 501 (no window in headless mode),
  // the rest 200.
  const expected = (command: string): number =>
    command.includes('/focus')
      ? 501
      : / -d .*\$SD\/(sessions|collections)$/.test(command)
        ? 201
        : command.includes('$SD/import')
          ? 202
          : command.includes('Range:')
            ? 206
            : 200;

  it('has the published examples', () => {
    expect(commands.length).toBeGreaterThanOrEqual(12);
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
