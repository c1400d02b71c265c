// `regulars backup` and `regulars restore`, loaded when the commands run (see commands/backup.ts).
import fs from 'node:fs';
import pg from 'pg';
import { openStore } from '../../app/runtime.js';
import { backupDatabase, restoreInto } from '../../platform/db/backup.js';
import { migrate } from '../../platform/db/migrate.js';
import { UsageError } from '../common.js';
import { progressBar } from '../progress.js';
import { setup } from '../setup.js';

export async function runBackup(file: string): Promise<void> {
  const { config, log } = setup({ quiet: true });
  const store = await openStore(config, log, { migrate: false, attach: true });
  try {
    const bar = progressBar('Backing up');
    const summary = await backupDatabase(store.url, file, (d, t) => bar.update(d, t));
    bar.stop();
    const rows = summary.tables.reduce((a, t) => a + t.rows, 0);
    process.stdout.write(`backup written to ${file}: ${summary.tables.length} tables, ${rows} rows, schema ${summary.schemaVersion}\n`);
  } finally {
    await store.shutdown();
  }
}

export async function runRestore(file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new UsageError(`restore: ${file} does not exist`);
  const { config, log } = setup({ quiet: true });
  const store = await openStore(config, log, { migrate: false, attach: true });
  if (store.embedded?.attached) {
    await store.close();
    throw new UsageError('restore: Regulars is serving from this data directory; stop it first');
  }
  const target = new URL(store.url);
  const liveName = decodeURIComponent(target.pathname.slice(1));
  const scratchName = `${liveName}_restore`;
  const admin = new URL(store.url);
  admin.pathname = '/postgres';
  const scratch = new URL(store.url);
  scratch.pathname = `/${scratchName}`;
  await store.close();
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  try {
    const others = await adminClient.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [liveName]);
    if ((others.rows[0] as { n: number }).n > 0) throw new UsageError(`restore: the database "${liveName}" is in use; stop every Regulars node first`);
    await adminClient.query(`DROP DATABASE IF EXISTS "${scratchName}"`);
    await adminClient.query(`CREATE DATABASE "${scratchName}"`);
    const bar = progressBar('Restoring');
    const summary = await restoreInto(scratch.toString(), file, async (header) => {
      const pool = new pg.Pool({ connectionString: scratch.toString(), max: 1 });
      try {
        await migrate(pool, header.schemaVersion ? { upTo: header.schemaVersion } : {});
      } finally {
        await pool.end();
      }
    }, (d, t) => bar.update(d, t));
    bar.stop();
    // Bring the restored data up to this code's schema, then swap it in.
    const pool = new pg.Pool({ connectionString: scratch.toString(), max: 1 });
    try {
      await migrate(pool);
    } finally {
      await pool.end();
    }
    const old = `${liveName}_before_restore`;
    await adminClient.query(`DROP DATABASE IF EXISTS "${old}"`);
    await adminClient.query(`ALTER DATABASE "${liveName}" RENAME TO "${old}"`);
    await adminClient.query(`ALTER DATABASE "${scratchName}" RENAME TO "${liveName}"`);
    await adminClient.query(`DROP DATABASE "${old}"`);
    const rows = summary.tables.reduce((a, t) => a + t.rows, 0);
    process.stdout.write(`restored ${file}: ${summary.tables.length} tables, ${rows} rows\n`);
  } finally {
    await adminClient.end();
    await store.embedded?.stop();
  }
}
