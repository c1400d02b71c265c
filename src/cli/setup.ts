// What the command implementations share: configuration, a logger, and the --organization check.
import { loadConfig, type Config } from '../platform/config.js';
import { sql, type Db } from '../platform/db/database.js';
import { createLogger, type Logger } from '../platform/logging.js';
import { UsageError } from './common.js';

export function setup(options: { quiet?: boolean } = {}): { config: Config; log: Logger } {
  const config = loadConfig();
  const level = options.quiet && !process.env.LOG_LEVEL ? 'warn' : config.LOG_LEVEL;
  return { config, log: createLogger(level, config.LOG_PRETTY || Boolean(process.stdout.isTTY)) };
}

/** An --organization id that names no organization in this store ends here, not in a foreign-key error or a stack trace. */
export async function requireOrganization(db: Db, id: string): Promise<void> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM organizations WHERE id = ${id}`.execute(db);
  if (rows.length === 0) throw new UsageError(`--organization: there is no organization with id ${id} in this store`);
}
