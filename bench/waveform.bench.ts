/**
 * Waveform benchmark: 1,000-point peaks of a 10-minute stereo 44.1 kHz 16-bit WAV (sine + noise),
 * the same as FLAC and as MP3, each measured in a fresh child process so its peak memory (maxRSS) is
 * the computation's alone.
 *
 *   npx tsx bench/waveform.bench.ts
 *
 * The audio is generated at run time in a temporary folder, removed afterwards. Two MP3s: one
 * always built by repeating the frames of the committed fixture
 * test/fixtures/audio/tone-silence-44k1-mono.mp3 (64 kbps mono; MP3 frames concatenate cleanly), so
 * every machine measures the same file, and one encoded from the WAV (192 kbps stereo) when `lame`
 * or `sox` with MP3 support is installed. The FLAC is encoded from the WAV by `flac -5`, or by `sox`
 * (its default level, 5) when `flac` is missing; without either the FLAC rows are skipped (e.g.
 * `apt-get install flac`). Environment: BENCH_WAVEFORM_MINUTES (default 10), BENCH_WAVEFORM_RUNS
 * (default 3).
 *
 * Prints figures against the targets (real time: WAV ≥ 1000×, FLAC ≥ 1000×, MP3 ≥ 2000×; < 200 MB
 * peak memory); never asserts.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { computePeaks, PeaksWorkerPool } from '../src/main/core/audio';
import { repeatMp3 } from '../test/audio/mp3-frames';
import { formatBytes, formatMs, formatTable } from './lib/timing';

const MINUTES = Number(process.env.BENCH_WAVEFORM_MINUTES ?? 10);
const RUNS = Math.max(1, Number(process.env.BENCH_WAVEFORM_RUNS ?? 3));
const POINTS = 1000;
const SAMPLE_RATE = 44100;
const TARGET_REALTIME_WAV = 1000;
const TARGET_REALTIME_FLAC = 1000;
const TARGET_REALTIME_MP3 = 2000;
const TARGET_MEMORY_MB = 200;
const THIS_FILE = fileURLToPath(import.meta.url);
const FIXTURE_MP3 = fileURLToPath(
  new URL('../test/fixtures/audio/tone-silence-44k1-mono.mp3', import.meta.url),
);

/** What one child process reports for one file. */
interface Measurement {
  mode: 'in-process' | 'worker';
  runsMs: number[];
  durationSeconds: number;
  sampleRate: number;
  channels: number;
  rssBeforeMb: number;
  maxRssMb: number;
}

// --- child mode: `--measure <mode> <path>` runs only the computation and prints one JSON line ---

async function measure(mode: Measurement['mode'], path: string): Promise<void> {
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  const pool = mode === 'worker' ? new PeaksWorkerPool({ size: 1 }) : null;
  const runsMs: number[] = [];
  let result;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    result = pool === null ? await computePeaks(path, { points: POINTS }) : await pool.peaks(path, POINTS);
    runsMs.push(performance.now() - started);
  }
  await pool?.close();
  const report: Measurement = {
    mode,
    runsMs,
    durationSeconds: result!.durationSeconds,
    sampleRate: result!.sampleRate,
    channels: result!.channels,
    rssBeforeMb,
    // maxRSS is in KiB on Linux and macOS: the high-water mark of this whole process.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

// --- generation ---

/** 10 minutes of 16-bit stereo: a 440 Hz sine at 0.5 plus noise at 0.1, written a second at a time. */
async function writeWav(path: string, seconds: number): Promise<void> {
  const frames = seconds * SAMPLE_RATE;
  const dataBytes = frames * 4;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  const file = await open(path, 'w');
  try {
    await file.write(header);
    const block = Buffer.alloc(SAMPLE_RATE * 4);
    let state = 12345;
    for (let second = 0; second < seconds; second++) {
      for (let i = 0; i < SAMPLE_RATE; i++) {
        const t = (second * SAMPLE_RATE + i) / SAMPLE_RATE;
        const tone = 0.5 * Math.sin(2 * Math.PI * 440 * t);
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        const left = tone + (state / 2 ** 32 - 0.5) * 0.2;
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        const right = tone + (state / 2 ** 32 - 0.5) * 0.2;
        block.writeInt16LE(Math.round(left * 32767), i * 4);
        block.writeInt16LE(Math.round(right * 32767), i * 4 + 2);
      }
      await file.write(block);
    }
  } finally {
    await file.close();
  }
}

function has(command: string, args: string[] = ['--version']): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

function soxWritesMp3(): boolean {
  const help = spawnSync('sox', ['-h'], { encoding: 'utf8' });
  return help.status === 0 && /AUDIO FILE FORMATS:.*\bmp3\b/.test(help.stdout);
}

/** The committed 64 kbps mono fixture repeated to `seconds` (frames concatenated). */
function makeFixtureMp3(mp3: string, seconds: number): string {
  const fixture = readFileSync(FIXTURE_MP3);
  const copySeconds = (21 * 1152) / 44100; // the fixture's 21 audio frames
  writeFileSync(mp3, repeatMp3(fixture, Math.ceil(seconds / copySeconds)));
  return 'the committed 64 kbps mono fixture repeated (frames concatenated)';
}

/** Encodes the WAV to a 192 kbps stereo MP3; returns how, or null without an encoder. */
async function encodeMp3(wav: string, mp3: string): Promise<string | null> {
  if (has('lame')) {
    await promisify(execFile)('lame', ['--quiet', '-b', '192', wav, mp3]);
    return 'encoded from the WAV by lame (192 kbps, stereo)';
  }
  if (soxWritesMp3()) {
    await promisify(execFile)('sox', [wav, '-C', '192', mp3]);
    return 'encoded from the WAV by sox (192 kbps, stereo)';
  }
  return null;
}

function soxWritesFlac(): boolean {
  const help = spawnSync('sox', ['-h'], { encoding: 'utf8' });
  return help.status === 0 && /AUDIO FILE FORMATS:.*\bflac\b/.test(help.stdout);
}

async function makeFlac(wav: string, flac: string): Promise<string | null> {
  if (has('flac')) {
    await promisify(execFile)('flac', ['--silent', '--force', '-5', wav, '-o', flac]);
    return 'encoded from the WAV by flac -5';
  }
  if (soxWritesFlac()) {
    await promisify(execFile)('sox', [wav, '-C', '5', flac]);
    return 'encoded from the WAV by sox (level 5)';
  }
  return null;
}

// --- parent mode ---

function runChild(mode: Measurement['mode'], path: string): Measurement {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawnSync(process.execPath, ['--import', tsx, THIS_FILE, '--measure', mode, path], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`measurement of ${path} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Measurement;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sessiondock-waveform-bench-'));
  try {
    const seconds = Math.round(MINUTES * 60);
    const wav = join(dir, 'mix.wav');
    const mp3 = join(dir, 'mix.mp3');
    const fixtureMp3 = join(dir, 'fixture.mp3');
    const flac = join(dir, 'mix.flac');
    let started = performance.now();
    await writeWav(wav, seconds);
    console.log(
      `generated ${MINUTES}-minute WAV (${formatBytes(statSync(wav).size)}) in ${formatMs(performance.now() - started)} ms`,
    );
    const fixtureSource = makeFixtureMp3(fixtureMp3, seconds);
    console.log(`MP3 64k mono (${formatBytes(statSync(fixtureMp3).size)}): ${fixtureSource}`);
    started = performance.now();
    const mp3Source = await encodeMp3(wav, mp3);
    console.log(
      mp3Source === null
        ? 'MP3 192k stereo: skipped (no lame, no sox with MP3 support)'
        : `MP3 192k stereo (${formatBytes(statSync(mp3).size)}): ${mp3Source}, ${formatMs(performance.now() - started)} ms`,
    );
    started = performance.now();
    const flacSource = await makeFlac(wav, flac);
    console.log(
      flacSource === null
        ? 'FLAC: skipped (no flac, no sox with FLAC support)'
        : `FLAC (${formatBytes(statSync(flac).size)}): ${flacSource}, ${formatMs(performance.now() - started)} ms`,
    );
    console.log(`\n${POINTS}-point peaks; each row is a fresh child process; ${RUNS} runs, first one cold`);

    type Case = { name: string; path: string; mode: Measurement['mode']; target: number | null };
    const cases: Case[] = [
      { name: 'WAV 16-bit stereo', path: wav, mode: 'in-process', target: TARGET_REALTIME_WAV },
      { name: 'WAV via worker pool', path: wav, mode: 'worker', target: TARGET_REALTIME_WAV },
      ...(flacSource === null
        ? []
        : ([
            { name: 'FLAC 16-bit stereo', path: flac, mode: 'in-process', target: TARGET_REALTIME_FLAC },
            { name: 'FLAC via worker pool', path: flac, mode: 'worker', target: TARGET_REALTIME_FLAC },
          ] satisfies Case[])),
      { name: 'MP3 64k mono', path: fixtureMp3, mode: 'in-process', target: TARGET_REALTIME_MP3 },
      { name: 'MP3 64k mono via pool', path: fixtureMp3, mode: 'worker', target: TARGET_REALTIME_MP3 },
      ...(mp3Source === null
        ? []
        : ([
            { name: 'MP3 192k stereo', path: mp3, mode: 'in-process', target: TARGET_REALTIME_MP3 },
            { name: 'MP3 192k stereo via pool', path: mp3, mode: 'worker', target: TARGET_REALTIME_MP3 },
          ] satisfies Case[])),
    ];
    const rows: string[][] = [];
    const loadBefore = loadavg()[0]!;
    for (const entry of cases) {
      const m = runChild(entry.mode, entry.path);
      const first = m.runsMs[0]!;
      const typical = median(m.runsMs);
      const realtime = m.durationSeconds / (typical / 1000);
      const realtimeCold = m.durationSeconds / (first / 1000);
      const verdict = (ok: boolean): string => (ok ? 'HIT' : 'MISS');
      rows.push([
        entry.name,
        `${m.durationSeconds.toFixed(1)} s`,
        formatMs(first),
        formatMs(typical),
        `${realtimeCold.toFixed(0)}×`,
        `${realtime.toFixed(0)}×`,
        entry.target === null ? '-' : `${verdict(realtime >= entry.target)} ≥${entry.target}×`,
        `${m.maxRssMb.toFixed(0)} MB`,
        `${m.rssBeforeMb.toFixed(0)} MB`,
        `${verdict(m.maxRssMb < TARGET_MEMORY_MB)} <${TARGET_MEMORY_MB} MB`,
      ]);
    }
    console.log(
      formatTable(
        [
          'file',
          'audio',
          'cold ms',
          'median ms',
          'cold rt',
          'realtime',
          'speed target',
          'maxRSS',
          'RSS at start',
          'memory target',
        ],
        rows,
      ),
    );
    console.log(
      `\nload average (1 min): ${loadBefore.toFixed(1)} before the rows, ${loadavg()[0]!.toFixed(1)} after, ` +
        `on ${availableParallelism()} cores; a load above ~1 means other processes shared the CPU ` +
        '(every row slows down: compare rows of one run, or rerun when the machine is quiet).',
    );
    console.log(
      '\nrealtime = audio duration / median compute time. maxRSS = the child process high-water mark ' +
        '(Node + tsx + the computation); "RSS at start" is the same process before computing. ' +
        'Worker-pool rows: the cold run includes starting the worker thread (and tsx in it).',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const measureAt = process.argv.indexOf('--measure');
if (measureAt !== -1) {
  void measure(process.argv[measureAt + 1] as Measurement['mode'], process.argv[measureAt + 2]!);
} else {
  void main();
}
