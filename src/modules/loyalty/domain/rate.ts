// Points ↔ money with an integer ratio. Points are only ever spent in whole "steps" whose money value
// is a whole number of minor units, so the conversion never rounds: with 3 points = 2 minor, a step is
// 3 points ↔ 2 minor, and 7 requested points can buy at most 6 (one point stays on the balance).
import type { PointsRate } from './program.js';
import { gcd, mulDiv } from './rational.js';

export interface RateStep {
  points: number;
  minor: number;
}

export function rateStep(rate: PointsRate): RateStep {
  if (!Number.isSafeInteger(rate.points) || rate.points < 1 || !Number.isSafeInteger(rate.minor) || rate.minor < 1) {
    throw new RangeError(`points rate needs positive integers, got ${rate.points}:${rate.minor}`);
  }
  const g = gcd(rate.points, rate.minor);
  return { points: rate.points / g, minor: rate.minor / g };
}

/** Money value of a number of points that is a whole number of steps; anything else is a bug upstream. */
export function pointsToMinor(points: number, rate: PointsRate): number {
  const step = rateStep(rate);
  if (!Number.isSafeInteger(points) || points < 0 || points % step.points !== 0) {
    throw new RangeError(`${points} points is not a whole number of ${step.points}-point steps`);
  }
  return (points / step.points) * step.minor;
}

/** The money value of any number of points, rounded up (what a shortfall of points costs in money). */
export function pointsValueCeil(points: number, rate: PointsRate): number {
  return mulDiv(points, rate.minor, rate.points, 'ceil');
}

/** The most points whose value fits in `minor`, in whole steps. */
export function pointsForMinorFloor(minor: number, rate: PointsRate): number {
  const step = rateStep(rate);
  return Math.floor(minor / step.minor) * step.points;
}

/** The largest whole number of steps within a number of points. */
export function floorToStep(points: number, rate: PointsRate): number {
  const step = rateStep(rate);
  return Math.floor(Math.max(0, points) / step.points) * step.points;
}
