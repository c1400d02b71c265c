// Every measure, in the order the report and the docs list them.
import { abcXyzMeasure, bestCustomersMeasure, frequencyMeasure, paretoMeasure, rfmMeasure } from './customers.js';
import { economicsMeasure } from './economics.js';
import { cohortsMeasure, ladderMeasure, newReturningMeasure, retentionMeasure, seasonalityMeasure } from './periods.js';
import type { Measure } from './types.js';
import { clvMeasure, keyCustomersMeasure, ltvMeasure, slippingMeasure } from './value.js';

export const MEASURES: readonly Measure[] = [
  paretoMeasure, ladderMeasure, rfmMeasure, abcXyzMeasure, retentionMeasure, newReturningMeasure, cohortsMeasure, frequencyMeasure,
  seasonalityMeasure, bestCustomersMeasure, ltvMeasure, clvMeasure, slippingMeasure, keyCustomersMeasure, economicsMeasure,
];

export const MEASURE_NAMES = MEASURES.map((m) => m.name);

export function measureByName(name: string): Measure | undefined {
  return MEASURES.find((m) => m.name === name);
}

export type { Cell, Column, ColumnKind, Measure, MeasureOutput, Row } from './types.js';
