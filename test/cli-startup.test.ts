// `regulars --help` and `--version` start fast because the command declarations (src/cli/main.ts, common.ts,
// commands/*.ts) load nothing heavy: each command imports its implementation (src/cli/actions/) when it runs.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLE_NAMES } from '../src/cli/commands/admin.js';
import { MEASURE_LIST } from '../src/cli/commands/report.js';
import { MEASURE_NAMES } from '../src/modules/analytics/index.js';
import { STAFF_ROLES } from '../src/modules/tenancy/index.js';
import { root, runCli } from './support/process.js';

const cliDir = path.join(root, 'src', 'cli');
const declarations = [
  'main.ts', 'common.ts',
  ...fs.readdirSync(path.join(cliDir, 'commands')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => `commands/${f}`),
];
/** What a declaration may load at start: commander, Node's own modules, and these small files. */
const ALLOWED = /^(commander|node:.*|\.\.\/platform\/(paths|errors)\.js|\.\.\/common\.js|\.\/common\.js|\.\/commands\/[a-z-]+\.js)$/;

describe('the command declarations', () => {
  it.each(declarations)('%s imports at start only what --help needs', (file) => {
    const source = fs.readFileSync(path.join(cliDir, file), 'utf8');
    // Static imports that are not type-only (type imports vanish when compiled).
    const loaded = [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)';/gms)].map((m) => m[1]);
    expect(loaded.filter((s) => !ALLOWED.test(s as string))).toEqual([]);
  });

  it('list the staff roles and measures the modules define', () => {
    expect([...ROLE_NAMES]).toEqual([...STAFF_ROLES]);
    expect([...MEASURE_LIST]).toEqual([...MEASURE_NAMES]);
  });

  it('--version and --help still answer', { timeout: 60_000 }, async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const version = await runCli(['--version'], {});
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await runCli(['--help'], {});
    expect(help.code, help.stderr).toBe(0);
    for (const command of ['serve', 'migrate', 'demo', 'user', 'apikey', 'backup', 'restore', 'openapi', 'clv', 'import', 'report']) expect(help.stdout).toContain(`  ${command}`);
    const report = await runCli(['report', '--help'], {});
    expect(report.stdout.replace(/\s+/g, ' ')).toContain(`all, ${MEASURE_NAMES.join(', ')}`);
  });
});
