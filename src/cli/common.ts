// What every command needs: configuration, a logger, and a clean exit with a readable message.
import { ConfigError, loadConfig, type Config } from '../platform/config.js';
import { sql, type Db } from '../platform/db/database.js';
import { isAppError, StartupError } from '../platform/errors.js';
import { createLogger, type Logger } from '../platform/logging.js';

export function setup(options: { quiet?: boolean } = {}): { config: Config; log: Logger } {
  const config = loadConfig();
  const level = options.quiet && !process.env.LOG_LEVEL ? 'warn' : config.LOG_LEVEL;
  return { config, log: createLogger(level, config.LOG_PRETTY || Boolean(process.stdout.isTTY)) };
}

/** Wraps a command: known failures print one clear line and exit 2; anything else prints its stack and exits 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      if (e instanceof ConfigError || e instanceof UsageError || e instanceof StartupError) {
        process.stderr.write(`${e.message}\n`);
        process.exit(2);
      }
      if (isAppError(e)) {
        process.stderr.write(`error: ${e.message} (${e.code})\n`);
        process.exit(2);
      }
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    }
  };
}

export class UsageError extends Error {}

/** An --organization id that names no organization in this store ends here, not in a foreign-key error or a stack trace. */
export async function requireOrganization(db: Db, id: string): Promise<void> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM organizations WHERE id = ${id}`.execute(db);
  if (rows.length === 0) throw new UsageError(`--organization: there is no organization with id ${id} in this store`);
}
