// `regulars import customers FILE` and `regulars import purchases FILE`: declared here; the implementation
// (the customers module's import, the store) loads when a command runs. See actions/import.ts.
import type { Command } from 'commander';
import type { ImportFlags } from '../actions/import.js';
import { action } from '../common.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function common(command: Command): Command {
  return command
    .option('--organization <id>', 'organization id (needed when the store has several)')
    .option('--map <pairs>', 'COLUMN=field pairs, comma-separated; COLUMN is the header text or a 1-based number; "COLUMN=-" unmaps')
    .option('--no-guess', 'map only what --map names (no mapping guessed from the headers)')
    .option('--encoding <name>', 'CSV encoding (utf-8, windows-1251, koi8-r, ibm866, windows-1252, …); detected by default')
    .option('--delimiter <char>', 'CSV delimiter (\\t for tab); detected by default')
    .option('--sheet <name>', 'XLSX sheet; the first by default')
    .option('--header', 'the first row is a header (detected by default)')
    .option('--no-header', 'the first row is data')
    .option('--date-order <order>', 'dmy, mdy or ymd: how to read dates like 03/04/1980')
    .option('--phone-country <CC>', 'country for local phone numbers (default: the organization\'s)')
    .option('--rejects <file>', 'where to write the rejected rows (default: FILE.rejected.csv next to the file)')
    .option('--json', 'print the report as JSON');
}

export function registerImportCommands(program: Command): void {
  const group = program.command('import').description('import customers or purchase history from CSV or XLSX');
  common(group.command('customers <file>').description('import customers (matched to existing ones; re-running updates, never duplicates)'))
    .option('--split-name <col:order>', 'split a full-name column: COL:family-given or COL:given-family (repeatable)', collect)
    .option('--transliterate <col>', 'fill the other script of a name column: COL (ICAO 9303 / best-effort reverse) or COL:copy (repeatable)', collect)
    .option('--capitalize <col>', 'rewrite ALL CAPS names in this column as "Ivanova" (repeatable)', collect)
    .option('--strip-invalid <col>', 'remove digits and punctuation from names in this column instead of rejecting (repeatable)', collect)
    .option('--gender-values <col:codes>', 'the file\'s gender codes, e.g. "Sex:1=male,2=female"', collect)
    .option('--derive-gender', 'derive gender from patronymic or given name where no column gives it')
    .option('--skip-invalid', 'import rows without their invalid values (reported) instead of rejecting them')
    .option('--overwrite', 'let the file replace names, gender and birth date of existing customers (default: fill empty fields only)')
    .option('--tag <tag>', 'add this tag to every imported customer (repeatable)', collect)
    .action(action(async (file: string, flags: ImportFlags) => (await import('../actions/import.js')).runImport('customers', file, flags)));
  common(group.command('purchases <file>').description('import purchase history (customer reference, date, amount, optional lines; idempotent by receipt)'))
    .action(action(async (file: string, flags: ImportFlags) => (await import('../actions/import.js')).runImport('purchases', file, flags)));
}
