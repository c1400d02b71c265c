// The loyalty module's scheduled and queued work. Each recurring run is claimed by one node (platform
// jobs runner); inside a run, rows are claimed with FOR UPDATE SKIP LOCKED, so a slow run and the next
// node's run never touch the same customer.
import type { ServiceContext } from '../../platform/context.js';
import type { JobRunner, QueuedJobHandler, RecurringJob } from '../../platform/jobs.js';
import { notifyExpiring, runDue } from './due.js';
import { runDailyEvaluation } from './evaluation.js';
import { webhookJobHandler } from './webhooks.js';

export function loyaltyRecurringJobs(ctx: ServiceContext): RecurringJob[] {
  return [
    { name: 'loyalty.due-lots', everySeconds: 60, run: ({ now }) => runDue(ctx, now) },
    {
      name: 'loyalty.daily', everySeconds: 3600,
      run: async ({ now }) => ({ evaluation: await runDailyEvaluation(ctx, now), expiringNotices: await notifyExpiring(ctx, now) }),
    },
  ];
}

export function loyaltyQueuedHandlers(ctx: ServiceContext): QueuedJobHandler[] {
  return [webhookJobHandler(ctx)];
}

/** What app/node.ts calls once per node. */
export function registerLoyaltyJobs(runner: Pick<JobRunner, 'addRecurring' | 'addHandler'>, ctx: ServiceContext): void {
  for (const job of loyaltyRecurringJobs(ctx)) runner.addRecurring(job);
  for (const handler of loyaltyQueuedHandlers(ctx)) runner.addHandler(handler);
}
