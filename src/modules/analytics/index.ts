// Public surface of the analytics module.
export * from './domain/clv/index.js';
