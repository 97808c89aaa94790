// Keys as readers write them are shown one way and filtered by pitch class and mode.
import { describe, expect, it } from 'vitest';
import { formatKey, keyClass, parseKey } from '../../src/shared/musical-key';

const show = (text: string): string | null => {
  const key = parseKey(text);
  return key === null ? null : formatKey(key);
};

describe('musical keys', () => {
  it('spells every reader’s form one way', () => {
    expect(show('C')).toBe('C major');
    expect(show('c#m')).toBe('C# minor');
    expect(show('Bbm')).toBe('A# minor');
    expect(show('F♯ Dorian')).toBe('F# dorian');
    expect(show('A-Minor')).toBe('A minor');
    expect(show('Eb Major')).toBe('D# major');
    expect(show('D Harmonic Minor')).toBe('D harmonic minor');
    expect(show('A Minor Pentatonic')).toBe('A minor pentatonic');
  });

  it('matches enharmonic spellings in the filter', () => {
    expect(keyClass(parseKey('Gb minor')!)).toBe(keyClass(parseKey('F#m')!));
    expect(keyClass(parseKey('Cb')!)).toBe(keyClass(parseKey('B major')!));
    expect(keyClass(parseKey('C minor')!)).not.toBe(keyClass(parseKey('C major')!));
  });

  it('refuses what is not a key', () => {
    for (const text of ['', 'H', 'Blues', 'C#x', '12', 'C minor; DROP TABLE', 'Cm7'])
      expect(parseKey(text)).toBeNull();
  });
});
