// backup / restore of the store (embedded, or DATABASE_URL).
import type { Command } from 'commander';
import fs from 'node:fs';
import pg from 'pg';
import { openStore } from '../../app/runtime.js';
import { backupDatabase, restoreInto } from '../../platform/db/backup.js';
import { migrate } from '../../platform/db/migrate.js';
import { action, setup, UsageError } from '../common.js';
import { progressBar } from '../progress.js';

export function registerBackupCommands(program: Command): void {
  program.command('backup <file>')
    .description('write a consistent backup of the store to FILE (gzip); safe while Regulars is serving')
    .action(action(async (file: string) => {
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
    }));

  program.command('restore <file>')
    .description('replace the store with the contents of a backup FILE (stop the server first)')
    .action(action(async (file: string) => {
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
    }));
}
