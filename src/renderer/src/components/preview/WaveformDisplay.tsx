import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { WaveformNote } from '../../../../shared/domain';
import { formatPlayTime } from '../../lib/format-time';

const HEIGHT = 72;
const KEY_STEP_SECONDS = 5;

interface WaveformDisplayProps {
  /** [min0, max0, min1, max1, …], each in [-1, 1]. */
  peaks: readonly number[];
  duration: number;
  position: number;
  notes: readonly WaveformNote[];
  label: string;
  onSeek(seconds: number): void;
  onNote(note: WaveformNote): void;
}

/**
 * The waveform drawn from cached peaks (min/max per column, the played part in the accent),
 * with the playhead, the notes as markers, click or drag to seek, and arrow keys for the keyboard.
 */
export function WaveformDisplay({
  peaks,
  duration,
  position,
  notes,
  label,
  onSeek,
  onNote,
}: WaveformDisplayProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const progress = duration > 0 ? Math.min(1, Math.max(0, position / duration)) : 0;

  useEffect(() => {
    const canvas = canvasRef.current;
    const box = boxRef.current;
    if (!canvas || !box || width === 0) return;
    drawPeaks(canvas, box, peaks, width, progress);
  }, [peaks, width, progress]);

  const seekAt = (event: PointerEvent<HTMLDivElement>): void => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (rect.width === 0 || duration <= 0) return;
    onSeek(Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width)) * duration);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const moves: Record<string, number> = {
      ArrowLeft: position - KEY_STEP_SECONDS,
      ArrowRight: position + KEY_STEP_SECONDS,
      Home: 0,
      End: duration,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    event.stopPropagation();
    onSeek(Math.min(duration, Math.max(0, moves[event.key]!)));
  };

  return (
    <div
      ref={boxRef}
      className="waveform"
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.round(duration * 10) / 10}
      aria-valuenow={Math.round(position * 10) / 10}
      aria-valuetext={`${formatPlayTime(position)} of ${formatPlayTime(duration)}`}
      data-testid="waveform"
      style={{ height: HEIGHT }}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture?.(event.pointerId);
        seekAt(event);
      }}
      onPointerMove={(event) => event.buttons === 1 && seekAt(event)}
      onKeyDown={onKeyDown}
    >
      <canvas ref={canvasRef} className="waveform__canvas" aria-hidden="true" />
      <span className="waveform__playhead" style={{ left: `${progress * 100}%` }} aria-hidden="true" />
      {duration > 0 &&
        notes.map((note) => (
          <button
            key={note.id}
            type="button"
            className="waveform__marker"
            style={{ left: `${Math.min(1, note.timestamp / duration) * 100}%` }}
            title={`${formatPlayTime(note.timestamp)} — ${note.text}`}
            aria-label={`Note at ${formatPlayTime(note.timestamp)}: ${note.text}`}
            data-testid="waveform-marker"
            tabIndex={-1}
            onPointerDown={(event) => event.stopPropagation()}
            onClick={() => onNote(note)}
          />
        ))}
    </div>
  );
}

function drawPeaks(
  canvas: HTMLCanvasElement,
  box: HTMLElement,
  peaks: readonly number[],
  width: number,
  progress: number,
): void {
  const ratio = window.devicePixelRatio || 1;
  const columns = Math.max(1, Math.floor(width * ratio));
  const height = Math.floor(HEIGHT * ratio);
  if (canvas.width !== columns || canvas.height !== height) {
    canvas.width = columns;
    canvas.height = height;
  }
  const context = canvas.getContext('2d');
  if (!context) return;
  const style = getComputedStyle(box);
  const played = style.getPropertyValue('--wave-played').trim() || '#8d9cff';
  const rest = style.getPropertyValue('--wave-rest').trim() || '#3a404c';
  context.clearRect(0, 0, columns, height);
  const pairs = peaks.length / 2;
  if (pairs === 0) return;
  const middle = height / 2;
  const playedColumns = Math.round(progress * columns);
  for (let x = 0; x < columns; x++) {
    const from = Math.floor((x * pairs) / columns);
    const to = Math.max(from + 1, Math.floor(((x + 1) * pairs) / columns));
    let min = 1;
    let max = -1;
    for (let i = from; i < to && i < pairs; i++) {
      min = Math.min(min, peaks[2 * i]!);
      max = Math.max(max, peaks[2 * i + 1]!);
    }
    if (max < min) continue;
    // At least one device pixel, so silence still reads as a line.
    const top = middle - max * middle * 0.95;
    const bottom = middle - min * middle * 0.95;
    context.fillStyle = x < playedColumns ? played : rest;
    context.fillRect(x, top, 1, Math.max(1, bottom - top));
  }
}
