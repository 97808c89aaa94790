import { MAX_POINTS, MIN_POINTS } from './types';

/** Throws RangeError: the doors validate `points` first, so a bad value here is a bug, not a bad file. */
export function checkPoints(points: number): number {
  if (!Number.isInteger(points) || points < MIN_POINTS || points > MAX_POINTS)
    throw new RangeError(`points must be an integer from ${MIN_POINTS} to ${MAX_POINTS}, got ${points}`);
  return points;
}
