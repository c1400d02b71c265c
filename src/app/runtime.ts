// Opens the store a command runs on: the embedded PostgreSQL (default) or DATABASE_URL, migrated.
import type { Config } from '../platform/config.js';
import type { ServiceContext } from '../platform/context.js';
import { connect, type DbHandle } from '../platform/db/database.js';
import { attachOrStartEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedServer } from '../platform/db/embedded.js';
import { migrate, type Migration } from '../platform/db/migrate.js';
import { uuidV7Ids } from '../platform/ids.js';
import type { Logger } from '../platform/logging.js';
import { systemClock } from '../platform/time.js';

export interface Store extends DbHandle {
  kind: 'embedded' | 'external';
  url: string;
  ctx: ServiceContext;
  embedded: EmbeddedServer | null;
  /** Closes the pool, then stops the embedded server if we started it. */
  shutdown(): Promise<void>;
}

/**
 * `attach`: operator commands share the embedded server of a node that is already serving from DATA_DIR;
 * `serve` never does (two nodes on one embedded data directory are refused — use DATABASE_URL).
 */
export async function openStore(config: Config, log: Logger, options: { migrate?: boolean; attach?: boolean; onMigration?: (m: Migration, i: number, n: number) => void } = {}): Promise<Store> {
  let embedded: EmbeddedServer | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    const start = options.attach ? attachOrStartEmbeddedPostgres : startEmbeddedPostgres;
    embedded = await start({ dataDir: config.dataDir, log: (line) => log.debug({ postgres: line }) });
    url = embedded.url;
  }
  const handle = connect(url, config.DATABASE_POOL_SIZE, { txGuard: config.DATABASE_TX_GUARD });
  try {
    if (options.migrate !== false) {
      const result = await migrate(handle.pool, { onApply: options.onMigration });
      if (result.applied.length) log.info({ applied: result.applied }, 'migrations applied');
    }
  } catch (e) {
    await handle.close();
    await embedded?.stop();
    throw e;
  }
  const ctx: ServiceContext = { db: handle.db, clock: systemClock, ids: uuidV7Ids, log };
  return {
    ...handle,
    kind: embedded ? 'embedded' : 'external',
    url,
    ctx,
    embedded,
    shutdown: async () => {
      await handle.close();
      await embedded?.stop();
    },
  };
}
