import type { ServiceContext } from '../../platform/context.js';
import type { RecurringJob } from '../../platform/jobs.js';
import { cleanExpired } from './auth.js';

/** Drops expired sessions and day-old failed-login records. */
export function tenancyJobs(ctx: ServiceContext): RecurringJob[] {
  return [{ name: 'tenancy.clean-sessions', everySeconds: 3600, run: () => cleanExpired(ctx) }];
}
