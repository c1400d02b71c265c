import { describe, expect, it } from 'vitest';
import { configTable, loadConfig } from './config.js';

describe('configuration', () => {
  it('has defaults that serve on 8080 with the embedded store', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('names each wrong variable, the reason and the value', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      /PORT: .*\(got "eighty"\)[\s\S]*DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL \(got "mysql:\/\/x"\)[\s\S]*LOG_LEVEL/,
    );
  });

  it('documents every variable in the README table', () => {
    const table = configTable();
    for (const name of ['PORT', 'DATABASE_URL', 'DATA_DIR', 'SESSION_TTL_HOURS', 'REGULARS_OWNER_PASSWORD']) expect(table).toContain(`\`${name}\``);
  });
});
