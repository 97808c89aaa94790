/**
 * Peaks check: every audio file of the shared corpus (../shared/corpus/audio) through the app's own
 * `computePeaks`, against an independent decode by ffmpeg (all channels, float32, native rate)
 * bucketed here by the app's documented rule (src/main/core/audio/README.md, "Buckets"):
 *
 *   npx tsx bench/peaks-check.ts [--points=1000] [--tolerance=1e-3] [--verbose] [--only=<text>] [--strict]
 *
 * `--verbose` lists matching files too; `--only` checks the files whose path contains the text.
 *
 * Reference rule, written out again here rather than imported: mono = mean of the channels; frame f
 * of T goes to bucket floor(f · points / T); a bucket with no frame repeats the frame sounding at
 * its start; values clamped to [-1, 1]. Where the app cannot know T up front (MP3; a FLAC whose
 * STREAMINFO count is missing or wrong) it buckets adaptively — fine buckets of s frames, s the
 * smallest power of two with capacity · s > T, each fine bucket going to the bucket holding its middle
 * frame — and the reference does the same with ffmpeg's T, so any difference is the decode's.
 *
 * An MP3 whose channel mode changes along the stream (mono frames, then stereo) is mixed by ffmpeg
 * frame by frame (`aresample` to mono, normalised: a stereo frame's mean, a mono frame as it is),
 * since a decode to one fixed layout would rescale the frames of the other. ffmpeg decodes an
 * incomplete last MP3 frame, which the app leaves out (README: only complete frames); such a file is
 * compared with that frame taken off ffmpeg's decode, and says so. Likewise ffmpeg reads an AIFF's
 * SSND chunk to its end where COMM announces fewer frames (junk after the audio); the app follows
 * COMM (README: COMM's frame count wins), and such a file is compared over COMM's frames.
 *
 * Per file: the app's and ffmpeg's frame counts, the largest absolute difference over the 2 · points
 * values, and how many values differ by more than the tolerance. Then the counts (match / mismatch /
 * app refuses / ffmpeg refuses) and the worst file. Like the benches it reports and exits 0; with
 * `--strict`, 1 when a file mismatches. Without ffmpeg (`apt-get install ffmpeg`) or the corpus it
 * says so and exits 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computePeaks, type PeaksResult } from '../src/main/core/audio';
import { formatTable } from './lib/timing';

const CORPUS_AUDIO = fileURLToPath(new URL('../../shared/corpus/audio/', import.meta.url));
const DEFAULT_POINTS = 1000;
const DEFAULT_TOLERANCE = 1e-3;
/** Enough for any corpus file decoded to float32 (the corpus holds files under 4 MiB). */
const MAX_DECODED_BYTES = 2 ** 30;

type Status = 'match' | 'mismatch' | 'app refuses' | 'ffmpeg refuses' | 'both refuse';

interface FileReport {
  file: string;
  status: Status;
  format: string;
  appFrames: number | null;
  ffmpegFrames: number | null;
  channels: string;
  maxDifference: number | null;
  valuesOff: number | null;
  note: string;
  /** Up to 10 values off: `bucket min|max: app vs ffmpeg`. */
  firstOff: string[];
}

interface Decoded {
  channels: Float32Array[];
  sampleRate: number;
  codec: string;
  /** The channel mode changes along the stream: `channels` holds ffmpeg's per-frame mono mix. */
  mixedByFfmpeg: boolean;
}

const MPEG_AUDIO_CODECS = new Set(['mp1', 'mp2', 'mp3']);

function option(name: string, fallback: number): number {
  const arg = process.argv.find((value) => value.startsWith(`--${name}=`));
  const value = arg === undefined ? fallback : Number(arg.slice(name.length + 3));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

function hasTool(tool: string): boolean {
  return spawnSync(tool, ['-version'], { stdio: 'ignore' }).status === 0;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile() && !/README|\.md$/i.test(path))
    .sort();
}

/** ffmpeg's decode of the first audio stream, planar, or the reason it gave none. */
function decodeWithFfmpeg(path: string): Decoded | string {
  const probe = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'a:0',
      '-show_entries',
      'stream=codec_name,channels,sample_rate',
      '-of',
      'json',
      path,
    ],
    { encoding: 'utf8' },
  );
  type Stream = { codec_name?: string; channels?: number; sample_rate?: string };
  const stream = (JSON.parse(probe.stdout || '{}') as { streams?: Stream[] }).streams?.[0];
  if (probe.status !== 0 || stream?.channels === undefined || stream.sample_rate === undefined)
    return firstLine(probe.stderr) || 'no audio stream';
  const codec = stream.codec_name ?? '';
  const mixedByFfmpeg = MPEG_AUDIO_CODECS.has(codec) && frameChannelCounts(path).size > 1;
  const mix = mixedByFfmpeg ? ['-af', 'aresample=rematrix_maxval=1:ochl=mono'] : [];
  const decode = spawnSync(
    'ffmpeg',
    [
      '-nostdin',
      '-v',
      'error',
      '-i',
      path,
      '-map',
      '0:a:0',
      ...mix,
      '-c:a',
      'pcm_f32le',
      '-f',
      'f32le',
      'pipe:1',
    ],
    { maxBuffer: MAX_DECODED_BYTES },
  );
  const count = mixedByFfmpeg ? 1 : stream.channels;
  const bytes = decode.stdout;
  const frames = Math.floor(bytes.length / 4 / count);
  if (frames === 0) return firstLine(decode.stderr.toString()) || 'no samples decoded';
  const interleaved = new Float32Array(bytes.buffer, bytes.byteOffset, frames * count);
  const channels = Array.from({ length: count }, (_, ch) => {
    const channel = new Float32Array(frames);
    for (let f = 0; f < frames; f++) channel[f] = interleaved[f * count + ch]!;
    return channel;
  });
  return { channels, sampleRate: Number(stream.sample_rate), codec, mixedByFfmpeg };
}

/** The channel counts of an MPEG audio stream's frames, as ffprobe reads them. */
function frameChannelCounts(path: string): Set<string> {
  const probe = spawnSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'frame=channels', '-of', 'csv=p=0', path],
    { encoding: 'utf8', maxBuffer: MAX_DECODED_BYTES },
  );
  return new Set(probe.stdout.split('\n').filter((line) => line.trim() !== ''));
}

const MPEG1_KBPS = [
  [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
];
const MPEG2_KBPS = [
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
];
const MPEG_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

/** The length an MPEG audio frame header at `at` announces, or null when there is none. */
function mpegFrameLength(bytes: Uint8Array, at: number): number | null {
  if (at + 4 > bytes.length || bytes[at] !== 0xff || (bytes[at + 1]! & 0xe0) !== 0xe0) return null;
  const version = (bytes[at + 1]! >> 3) & 3;
  const layer = 4 - ((bytes[at + 1]! >> 1) & 3); // 1, 2 or 3 (4: reserved)
  const kbps = (version === 3 ? MPEG1_KBPS : MPEG2_KBPS)[layer - 1]?.[bytes[at + 2]! >> 4];
  const rate = MPEG_RATES[version]?.[(bytes[at + 2]! >> 2) & 3];
  if (!kbps || !rate) return null;
  const padding = (bytes[at + 2]! >> 1) & 1;
  if (layer === 1) return (Math.floor((12 * kbps * 1000) / rate) + padding) * 4;
  return Math.floor(((layer === 3 && version !== 3 ? 72 : 144) * kbps * 1000) / rate) + padding;
}

/** COMM's frame count of an AIFF/AIFF-C file, or null when it is not one or has no COMM chunk. */
function aiffCommFrames(path: string): number | null {
  const bytes = readFileSync(path);
  if (bytes.toString('latin1', 0, 4) !== 'FORM') return null;
  for (let at = 12; at + 8 <= bytes.length;) {
    const size = bytes.readUInt32BE(at + 4);
    if (bytes.toString('latin1', at, at + 4) === 'COMM')
      return at + 14 <= bytes.length ? bytes.readUInt32BE(at + 10) : null;
    at += 8 + size + (size % 2);
  }
  return null;
}

/** Bytes missing from the stream's last frame when the file ends inside it (0 when it is whole). */
function cutLastFrameBytes(path: string): number {
  const probe = spawnSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'packet=pos,size', '-of', 'csv=p=0', path],
    { encoding: 'utf8', maxBuffer: MAX_DECODED_BYTES },
  );
  const last = probe.stdout.trim().split('\n').pop()?.split(',').map(Number);
  if (last === undefined || last.length < 2 || !last.every(Number.isFinite)) return 0;
  const [size, pos] = last as [number, number];
  const bytes = readFileSync(path);
  const length = mpegFrameLength(bytes, pos);
  return length !== null && pos + size === bytes.length && size < length ? length - size : 0;
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? '';
}

/** The mean of the channels, frame by frame. */
function monoMix(channels: readonly Float32Array[]): Float64Array {
  const frames = channels[0]!.length;
  const mono = new Float64Array(frames);
  for (const channel of channels) for (let f = 0; f < frames; f++) mono[f] = mono[f]! + channel[f]!;
  for (let f = 0; f < frames; f++) mono[f] = mono[f]! / channels.length;
  return mono;
}

/**
 * The app's bucketing rule over a whole signal: fine buckets of `fineSize` frames (1 = exact), each
 * to the bucket of its middle frame; empty buckets repeat the fine bucket sounding at their start.
 */
function referencePeaks(mono: Float64Array, points: number, fineSize: number): Float64Array {
  const total = mono.length;
  const fineCount = Math.ceil(total / fineSize);
  const fineMins = new Float64Array(fineCount).fill(Infinity);
  const fineMaxs = new Float64Array(fineCount).fill(-Infinity);
  for (let f = 0; f < total; f++) {
    const j = Math.floor(f / fineSize);
    const value = mono[f]!;
    if (value < fineMins[j]!) fineMins[j] = value;
    if (value > fineMaxs[j]!) fineMaxs[j] = value;
  }
  const mins = new Float64Array(points).fill(Infinity);
  const maxs = new Float64Array(points).fill(-Infinity);
  const touched = new Uint8Array(points);
  for (let j = 0; j < fineCount; j++) {
    const start = j * fineSize;
    const end = Math.min(start + fineSize, total);
    const middle = start + Math.floor((end - start - 1) / 2);
    const b = Math.min(points - 1, Math.floor((middle * points) / total));
    mins[b] = Math.min(mins[b]!, fineMins[j]!);
    maxs[b] = Math.max(maxs[b]!, fineMaxs[j]!);
    touched[b] = 1;
  }
  for (let b = 0; b < points; b++) {
    if (touched[b] === 1) continue;
    const j = Math.min(fineCount - 1, Math.floor(Math.floor((b * total) / points) / fineSize));
    mins[b] = fineMins[j]!;
    maxs[b] = fineMaxs[j]!;
  }
  const clamp = (value: number): number => Math.max(-1, Math.min(1, value));
  const peaks = new Float64Array(points * 2);
  for (let b = 0; b < points; b++) {
    // A bucket of NaN only reads 0, 0 in the app.
    if (mins[b]! > maxs[b]!) continue;
    peaks[2 * b] = clamp(mins[b]!);
    peaks[2 * b + 1] = clamp(maxs[b]!);
  }
  return peaks;
}

/** The adaptive path's capacity for `points` (peak-accumulator.ts), restated. */
function adaptiveCapacity(points: number): number {
  return Math.min(2 ** 20, Math.max(2 ** 16, points * 64));
}

/** The adaptive path's final fine bucket size for `total` frames: it doubles each time capacity fills. */
function adaptiveFineSize(total: number, points: number): number {
  const capacity = adaptiveCapacity(points);
  let size = 1;
  while (capacity * size <= total) size *= 2;
  return size;
}

/** STREAMINFO's total sample count (0 = unknown), after an ID3v2 tag if there is one; null if none. */
function flacDeclaredFrames(path: string): number | null {
  const head = readFileSync(path).subarray(0, 1 << 20);
  let at = 0;
  if (head.toString('latin1', 0, 3) === 'ID3')
    at =
      10 +
      ((head[6]! & 0x7f) << 21) +
      ((head[7]! & 0x7f) << 14) +
      ((head[8]! & 0x7f) << 7) +
      (head[9]! & 0x7f);
  if (head.toString('latin1', at, at + 4) !== 'fLaC' || head.length < at + 26) return null;
  const s = at + 8;
  return (head[s + 13]! & 0x0f) * 2 ** 32 + head.readUInt32BE(s + 14);
}

/** The fine bucket size the app used for this file: 1 where it knew the frame count up front. */
function appFineSize(app: PeaksResult, path: string, total: number, points: number): number {
  if (app.format === 'wav' || app.format === 'aiff') return 1;
  if (app.format === 'flac') {
    const declared = flacDeclaredFrames(path);
    if (declared !== null && declared === total && total >= points) return 1;
  }
  return adaptiveFineSize(total, points);
}

async function appPeaks(path: string, points: number): Promise<PeaksResult | string> {
  try {
    return await computePeaks(path, { points });
  } catch (error) {
    const reason = (error as { reason?: string }).reason;
    return `${reason === undefined ? '' : `${reason}: `}${(error as Error).message}`;
  }
}

async function checkFile(path: string, points: number, tolerance: number): Promise<FileReport> {
  const file = relative(CORPUS_AUDIO, path);
  const app = await appPeaks(path, points);
  const reference = decodeWithFfmpeg(path);
  const base = {
    file,
    appFrames: null,
    ffmpegFrames: null,
    maxDifference: null,
    valuesOff: null,
    firstOff: [],
  };
  if (typeof reference === 'string') {
    const status: Status = typeof app === 'string' ? 'both refuse' : 'ffmpeg refuses';
    const format = typeof app === 'string' ? '' : app.format;
    return { ...base, status, format, channels: '', note: `ffmpeg: ${reference}` };
  }
  const ffmpegFrames = reference.channels[0]!.length;
  if (typeof app === 'string')
    return { ...base, status: 'app refuses', format: '', ffmpegFrames, channels: '', note: app };
  const appFrames = Math.round(app.durationSeconds * reference.sampleRate);
  const notes: string[] = [];
  let compared = reference.channels;
  // ffmpeg decodes a cut last MP3 frame; the app keeps complete frames only.
  if (
    MPEG_AUDIO_CODECS.has(reference.codec) &&
    appFrames < ffmpegFrames &&
    ffmpegFrames - appFrames <= 1152
  ) {
    const missing = cutLastFrameBytes(path);
    if (missing > 0) {
      compared = compared.map((channel) => channel.subarray(0, appFrames));
      notes.push(`last frame cut (${missing} bytes missing): ffmpeg decodes it, the app leaves it out`);
    }
  }
  const commFrames = app.format === 'aiff' ? aiffCommFrames(path) : null;
  if (commFrames !== null && commFrames > 0 && commFrames === appFrames && commFrames < ffmpegFrames) {
    compared = compared.map((channel) => channel.subarray(0, commFrames));
    notes.push(
      `ffmpeg reads ${ffmpegFrames - commFrames} frames past COMM's ${commFrames}: compared over COMM's`,
    );
  }
  const total = compared[0]!.length;
  const expected = referencePeaks(monoMix(compared), points, appFineSize(app, path, total, points));
  let maxDifference = 0;
  let valuesOff = 0;
  const firstOff: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const difference = Math.abs(app.peaks[i]! - expected[i]!);
    if (difference > maxDifference) maxDifference = difference;
    if (difference > tolerance && valuesOff++ < 10)
      firstOff.push(
        `bucket ${i >> 1} ${i % 2 === 0 ? 'min' : 'max'}: ${app.peaks[i]!.toFixed(4)} vs ${expected[i]!.toFixed(4)}`,
      );
  }
  if (reference.mixedByFfmpeg) notes.push('channel mode changes: mixed by ffmpeg frame by frame');
  else if (app.channels !== reference.channels.length) notes.push('channel counts differ');
  if (app.sampleRate !== reference.sampleRate)
    notes.push(`app ${app.sampleRate} Hz, ffmpeg ${reference.sampleRate} Hz`);
  if (app.truncated) notes.push('app: truncated');
  return {
    file,
    status: valuesOff === 0 ? 'match' : 'mismatch',
    format: app.format,
    appFrames,
    ffmpegFrames,
    channels: `${app.channels}/${reference.mixedByFfmpeg ? 'mix' : reference.channels.length}`,
    maxDifference,
    valuesOff,
    note: notes.join('; '),
    firstOff,
  };
}

/** The WASM decoders print one line per damaged frame; the corpus has damaged files on purpose. */
function muteDecoderLogs(): void {
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^(@wasm-audio-decoders\/flac|mpg123-decoder):/.test(args[0])) return;
    original(...args);
  };
}

function printReports(
  reports: readonly FileReport[],
  points: number,
  tolerance: number,
  verbose: boolean,
): void {
  const shown = verbose ? reports : reports.filter((report) => report.status !== 'match');
  const rows = shown.map((report) => [
    report.file,
    report.status,
    report.format,
    report.appFrames?.toString() ?? '',
    report.ffmpegFrames?.toString() ?? '',
    report.channels,
    report.maxDifference?.toExponential(2) ?? '',
    report.valuesOff === null ? '' : `${report.valuesOff}/${points * 2}`,
    report.note.slice(0, 100),
  ]);
  console.log(
    `Peaks check: ${reports.length} files under ${CORPUS_AUDIO}, ${points} points, tolerance ${tolerance}` +
      (verbose ? '' : ' (matching files hidden; --verbose shows them)'),
  );
  if (rows.length > 0) {
    console.log();
    console.log(
      formatTable(
        [
          'file',
          'status',
          'format',
          'app frames',
          'ffmpeg frames',
          'ch app/ff',
          'max diff',
          'values off',
          'note',
        ],
        rows,
      ),
    );
  }
  const counts = new Map<Status, number>();
  for (const report of reports) counts.set(report.status, (counts.get(report.status) ?? 0) + 1);
  const compared = reports.filter((report) => report.maxDifference !== null);
  const worst = compared.reduce<FileReport | null>(
    (a, b) => (a === null || b.maxDifference! > a.maxDifference! ? b : a),
    null,
  );
  console.log();
  const statuses: Status[] = ['match', 'mismatch', 'app refuses', 'ffmpeg refuses', 'both refuse'];
  console.log(
    formatTable(
      ['status', 'files'],
      statuses.map((status) => [status, String(counts.get(status) ?? 0)]),
    ),
  );
  console.log();
  for (const report of reports.filter((r) => r.firstOff.length > 0))
    console.log(`${report.file}, first values off:\n  ${report.firstOff.join('\n  ')}\n`);
  if (worst !== null)
    console.log(
      `Worst file: ${worst.file} — max difference ${worst.maxDifference!.toExponential(3)} ` +
        `(${worst.valuesOff} of ${points * 2} values off by more than ${tolerance})`,
    );
}

async function main(): Promise<void> {
  const points = option('points', DEFAULT_POINTS);
  const tolerance = option('tolerance', DEFAULT_TOLERANCE);
  const verbose = process.argv.includes('--verbose');
  if (!hasTool('ffmpeg') || !hasTool('ffprobe')) {
    console.log('Peaks check skipped: ffmpeg/ffprobe not found (apt-get install ffmpeg).');
    return;
  }
  if (!existsSync(CORPUS_AUDIO)) {
    console.log(`Peaks check skipped: no audio corpus at ${CORPUS_AUDIO}.`);
    return;
  }
  muteDecoderLogs();
  const reports: FileReport[] = [];
  const only = process.argv.find((value) => value.startsWith('--only='))?.slice('--only='.length);
  const paths = filesUnder(CORPUS_AUDIO).filter((path) => only === undefined || path.includes(only));
  for (const path of paths) reports.push(await checkFile(path, points, tolerance));
  printReports(reports, points, tolerance, verbose);
  if (process.argv.includes('--strict') && reports.some((report) => report.status === 'mismatch'))
    process.exitCode = 1;
}

void main();
