// The README is what a new user reads first: its configuration table must match the real schema.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configTable } from '../src/platform/config.js';

describe('README', () => {
  it('documents exactly the configuration the server reads', () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const table = /<!-- config-table:start -->\n([\s\S]*?)\n<!-- config-table:end -->/.exec(readme)?.[1];
    expect(table).toBe(configTable());
  });

  it('names the test command CI runs', () => {
    const ci = fs.readFileSync(path.join(import.meta.dirname, '..', '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm test$/m);
  });
});
