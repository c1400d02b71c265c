import type { Db } from './db/database.js';
import type { IdGenerator } from './ids.js';
import type { Logger } from './logging.js';
import type { Clock } from './time.js';

/** What every service function gets: the database, the clock and the id source (both injectable for tests). */
export interface ServiceContext {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
}
