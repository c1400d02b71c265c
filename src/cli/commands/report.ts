// `regulars report <measure>`: a retention measure (or all of them) computed on the store, printed as
// JSON, CSV or XLSX. Declared here; the implementation (the analytics module, the store) loads when it runs.
import type { Command } from 'commander';
import type { ReportOptions } from '../actions/report.js';
import { action } from '../common.js';

/** The measures, for the help text (the analytics module's MEASURE_NAMES; a test keeps the two in step). */
export const MEASURE_LIST = [
  'pareto', 'ladder', 'rfm', 'abc-xyz', 'retention', 'new-returning', 'cohorts', 'frequency', 'seasonality',
  'best-customers', 'ltv', 'clv', 'slipping-away', 'key-customers', 'economics',
] as const;

export function registerReportCommand(program: Command): void {
  program.command('report')
    .description(`compute a retention measure on the store: all, ${MEASURE_LIST.join(', ')}`)
    .argument('<measure>', 'the measure, or "all"')
    .option('--organization <id>', 'organization id')
    .option('--from <date>', 'first day of the period (YYYY-MM-DD; default: the first day of the month eleven months before --to)')
    .option('--to <date>', 'last day of the period, inclusive (default: today in the organization\'s time zone)')
    .option('--outlet <id>', 'only purchases at this outlet')
    .option('--tag <tag>', 'only customers with this tag')
    .option('--format <format>', 'json, csv or xlsx', 'json')
    .option('--table <name>', 'CSV: which table of the measure (default its first)')
    .option('--limit <n>', 'rows of per-customer lists', '100')
    .option('--language <lang>', 'language of the file (headers, sheet names, figures, notes): en, ru or ar', 'en')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(action(async (measure: string, raw: ReportOptions) => {
      await (await import('../actions/report.js')).runReportCommand(measure, raw);
    }));
}
