// A fresh database per test file, cloned from the migrated template, with a frozen clock and
// deterministic ids.
import { inject } from 'vitest';
import pg from 'pg';
import { connect, type DbHandle } from '../../src/platform/db/database.js';
import type { ServiceContext } from '../../src/platform/context.js';
import { sequentialIds } from '../../src/platform/ids.js';
import { createLogger } from '../../src/platform/logging.js';
import { fixedClock } from '../../src/platform/time.js';

let counter = 0;

export interface TestDatabase extends DbHandle {
  url: string;
  name: string;
  ctx: ServiceContext;
  clock: ReturnType<typeof fixedClock>;
  drop(): Promise<void>;
}

export async function createTestDatabase(options: { now?: string } = {}): Promise<TestDatabase> {
  const { adminUrl, template } = inject('testDb');
  // The run's parent pid ties databases to this run, so a shared server can be cleaned after it.
  const name = `rt_${process.ppid}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Any query that goes to the pool from inside a transaction fails the test (see TxGuard).
  const handle = connect(url.toString(), 5, { txGuard: 'throw' });
  const clock = fixedClock(options.now ?? '2026-03-15T10:00:00Z');
  const ctx: ServiceContext = { db: handle.db, clock, ids: sequentialIds(), log: createLogger((process.env.TEST_LOG_LEVEL ?? 'silent') as 'silent', false) };
  return {
    ...handle,
    url: url.toString(),
    name,
    ctx,
    clock,
    drop: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
