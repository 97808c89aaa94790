#!/usr/bin/env node
/**
 * Draws the SessionDock icon in code and writes every file electron-builder needs:
 *
 *   build/icon.png            1024×1024 (macOS grid: the rounded square inset, with a soft shadow)
 *   build/icon.icns           macOS, 16…1024 (PNG entries)
 *   build/icon.ico            Windows, 16 24 32 48 64 128 256 (PNG entries)
 *   build/icons/<n>x<n>.png   Linux, 16…512
 *
 * The motif: a coral waveform resting on a dock line, on the dark rounded square of the app's
 * window. Shapes are signed-distance functions, so every edge is antialiased analytically at any
 * size; the smallest sizes draw fewer, thicker bars so they stay crisp. PNG, ICO and ICNS are
 * written by hand (zlib only): run `node scripts/make-icons.mjs` after changing the drawing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = join(ROOT, 'build');

const BACKGROUND = [0x0d, 0x0f, 0x13];
const CORAL = [0xf2, 0x7c, 0x8b];

// Relative heights of the waveform's bars, symmetric around the middle one.
const BARS_FULL = [0.3, 0.55, 0.82, 1, 0.72, 0.48, 0.26];
const BARS_SMALL = [0.42, 0.8, 1, 0.7, 0.38];

/** Signed distance from (px, py) to a rounded box centred on (cx, cy), half-size (hw, hh), radius r. */
function roundedBox(px, py, cx, cy, hw, hh, r) {
  const qx = Math.abs(px - cx) - (hw - r);
  const qy = Math.abs(py - cy) - (hh - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

/** Coverage of a pixel whose centre is at signed distance d (in pixels) from an edge. */
function coverage(d) {
  return Math.min(1, Math.max(0, 0.5 - d));
}

function smoothstep(edge0, edge1, x) {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

/**
 * The icon at `size` pixels as straight-alpha RGBA. `inset` is the margin around the rounded
 * square as a fraction of the size (macOS's grid leaves 100/1024); `shadow` adds the soft drop
 * shadow macOS icons have.
 */
export function drawIcon(size, { inset, shadow }) {
  const rgba = new Uint8Array(size * size * 4);
  const box = size * (1 - 2 * inset);
  const half = box / 2;
  const centre = size / 2;
  const radius = box * 0.225;

  const { bars, dock } = layout(size, box, centre);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      const over = (colour, alpha) => {
        if (alpha <= 0) return;
        const outA = alpha + a * (1 - alpha);
        r = (colour[0] * alpha + r * a * (1 - alpha)) / outA;
        g = (colour[1] * alpha + g * a * (1 - alpha)) / outA;
        b = (colour[2] * alpha + b * a * (1 - alpha)) / outA;
        a = outA;
      };

      if (shadow) {
        const d = roundedBox(px, py, centre, centre + size * 0.012, half, half, radius);
        over([0, 0, 0], 0.32 * (1 - smoothstep(-size * 0.01, size * 0.03, d)));
      }

      const inBox = coverage(roundedBox(px, py, centre, centre, half, half, radius));
      if (inBox <= 0) {
        writePixel(rgba, size, x, y, r, g, b, a);
        continue;
      }
      over(BACKGROUND, inBox);

      // A faint rim so the square keeps its edge on dark docks and taskbars (too noisy when tiny).
      if (size >= 64) {
        const rim = roundedBox(px, py, centre, centre, half, half, radius);
        over([255, 255, 255], 0.07 * inBox * coverage(-rim - size / 256));
      }

      let coral = 0;
      for (const bar of bars) {
        const d = roundedBox(px, py, bar.x, bar.y, bar.hw, bar.hh, bar.r);
        coral = Math.max(coral, coverage(d));
      }
      coral = Math.max(coral, coverage(roundedBox(px, py, dock.x, dock.y, dock.hw, dock.hh, dock.r)));
      over(CORAL, coral * inBox);

      writePixel(rgba, size, x, y, r, g, b, a);
    }
  }
  return rgba;
}

/**
 * Where the waveform's bars and the dock line sit, as rounded boxes (centre, half-size, radius)
 * in pixels. From 48 px up the proportions are free; below, fewer bars are snapped to whole
 * pixels so they stay crisp instead of blurring across pixel edges.
 */
function layout(size, box, centre) {
  if (size > 32) {
    const heights = BARS_FULL;
    // Mid sizes (under 128 px) get whole-pixel bar widths, pitch and dock edges, so nothing looks soft.
    const snap = size < 128 ? Math.round : (v) => v;
    const pitch = snap((box * 0.56) / (heights.length - 1));
    const width = Math.max(1, snap(pitch * 0.58));
    const span = (heights.length - 1) * pitch;
    const left = snap(centre - (span + width) / 2);
    const waveY = centre - box * 0.045;
    const bars = heights.map((height, i) => ({
      x: left + i * pitch + width / 2,
      y: waveY,
      hw: width / 2,
      hh: Math.max(width / 2, box * 0.235 * height),
      r: width / 2,
    }));
    const dockTop = snap(centre + box * 0.241);
    const dockHeight = Math.max(1, snap(box * 0.048));
    const overhang = snap(box * 0.04);
    const dock = {
      x: left + (span + width) / 2,
      y: dockTop + dockHeight / 2,
      hw: (span + width) / 2 + overhang,
      hh: dockHeight / 2,
      r: dockHeight / 2,
    };
    return { bars, dock };
  }
  const heights = BARS_SMALL;
  const top = centre - box / 2; // the rounded square's top (and left) edge
  const width = Math.max(1, Math.round(box / 12)); // bar width: 1 px at 16, 2 px at 24 and 32
  const pitch = width + Math.max(1, Math.round(box / 16));
  const left = Math.round(centre - ((heights.length - 1) * pitch + width) / 2);
  const waveTop = Math.round(top + box * 0.2);
  const waveBottom = Math.round(top + box * 0.66);
  const mid = (waveTop + waveBottom) / 2;
  const bars = heights.map((height, i) => {
    const hh = Math.max(width / 2, Math.round(((waveBottom - waveTop) / 2) * height));
    return { x: left + i * pitch + width / 2, y: mid, hw: width / 2, hh, r: width / 2 };
  });
  const dockHeight = Math.max(1, Math.round(box / 20));
  const dockTop = Math.round(top + box * 0.75);
  const overhang = Math.max(1, Math.round(box / 32));
  const dockLeft = left - overhang;
  const dockRight = left + (heights.length - 1) * pitch + width + overhang;
  const dock = {
    x: (dockLeft + dockRight) / 2,
    y: dockTop + dockHeight / 2,
    hw: (dockRight - dockLeft) / 2,
    hh: dockHeight / 2,
    r: dockHeight / 2,
  };
  return { bars, dock };
}

function writePixel(rgba, size, x, y, r, g, b, a) {
  const i = (y * size + x) * 4;
  rgba[i] = Math.round(r);
  rgba[i + 1] = Math.round(g);
  rgba[i + 2] = Math.round(b);
  rgba[i + 3] = Math.round(a * 255);
}

/** A PNG file (8-bit RGBA, no interlace) from straight-alpha RGBA pixels. */
export function encodePng(rgba, size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A Windows .ico holding one PNG per size (Vista and later read PNG entries at every size). */
export function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, png } of pngs) {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size; // 0 means 256
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((it) => it.png)]);
}

/** A macOS .icns of PNG entries, keyed by the OSType each pixel size is stored under. */
export function encodeIcns(entries) {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((sum, it) => sum + it.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

// The 1x and 2x slots of an iconset, as iconutil writes them.
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

const MAC = { inset: 100 / 1024, shadow: true };
/** Windows and Linux show icons edge to edge, with a hairline of margin for the antialiasing. */
const FLAT = { inset: 1 / 64, shadow: false };

function main() {
  const cache = new Map();
  const png = (size, style) => {
    const key = `${size}-${style === MAC ? 'mac' : 'flat'}`;
    if (!cache.has(key)) cache.set(key, encodePng(drawIcon(size, style), size));
    return cache.get(key);
  };

  const written = [];
  const write = (relative, data) => {
    const path = join(BUILD, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    written.push(`${relative} (${data.length} bytes)`);
  };

  write('icon.png', png(1024, MAC));
  write('icon.icns', encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png(size, MAC) }))));
  write('icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: png(size, FLAT) }))));
  for (const size of LINUX_SIZES) write(`icons/${size}x${size}.png`, png(size, FLAT));

  process.stdout.write(`${written.map((it) => `build/${it}`).join('\n')}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
