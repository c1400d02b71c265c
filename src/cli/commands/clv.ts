// `regulars clv fit`: fit BG/NBD + Gamma-Gamma to a transactions or summary CSV, optionally predict.
// Declared here; the implementation (the analytics module, papaparse) loads when it runs.
import type { Command } from 'commander';
import type { ClvFitOptions } from '../actions/clv.js';
import { action } from '../common.js';

export function registerClvCommand(program: Command): void {
  const clv = program.command('clv').description('predictive customer lifetime value (BG/NBD + Gamma-Gamma)');
  clv.command('fit')
    .description('fit the models to a transactions CSV (customer_id,date,amount) or a summary CSV (id,frequency,recency,T,monetary_value)')
    .option('--transactions <file>', 'CSV of transactions: customer_id,date (YYYY-MM-DD),amount')
    .option('--summary <file>', 'CSV of per-customer summaries: id,frequency,recency,T,monetary_value')
    .option('--calibration-end <date>', 'last day of the calibration period (with --transactions)')
    .option('--observation-end <date>', 'last day of the hold-out period: reports predicted vs actual repeat purchases')
    .option('--period <unit>', 'time unit: week or day', 'week')
    .option('--predict <horizon>', 'per-customer P(alive), expected purchases, expected spend and CLV over HORIZON periods')
    .option('--discount-rate <rate>', 'monthly discount rate for CLV', '0.01')
    .option('--out <file>', 'write the predictions as CSV to FILE (without it they go into the JSON output)')
    .option('--json', 'print one JSON object')
    .action(action(async (options: ClvFitOptions) => {
      await (await import('../actions/clv.js')).runClvFitCommand(options);
    }));
}
