// The public surface of the loyalty rules engine: pure functions and plain data types. The service
// layer imports from here only.
export * from './program.js';
export * from './rate.js';
export * from './measure.js';
export * from './cumulative.js';
export * from './club.js';
export * from './tiers.js';
export * from './discounts.js';
export * from './points.js';
export * from './calculate.js';
export * from './lots.js';
export * from './refund.js';
export * from './stored-receipt.js';
export * from './cards.js';
export * from './ledger-model.js';
export * from './ledger-ops.js';
export * from './examples.js';
export { allocateCapped, allocateExact, mulDiv } from './rational.js';
