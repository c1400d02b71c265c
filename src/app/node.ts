// Runs one Regulars node: store, HTTP server, scheduled jobs; stops all three cleanly on a signal.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../platform/config.js';
import { JobRunner } from '../platform/jobs.js';
import type { Logger } from '../platform/logging.js';
import { projectRoot } from '../platform/paths.js';
import { tenancyJobs } from '../modules/tenancy/index.js';
import { configureDocumentsKey, customerJobs, duplicateScanJobHandler, importJobHandler } from '../modules/customers/index.js';
import { registerLoyaltyJobs } from '../modules/loyalty/index.js';
import { openStore, type Store } from './runtime.js';
import { buildApp } from './server.js';
import type { HttpApp } from '../platform/http.js';
import { configureOutbound } from '../platform/outbound.js';

export const version: string = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

export interface RunningNode { app: HttpApp; store: Store; jobs: JobRunner; url: string; stop(): Promise<void> }

export async function startNode(config: Config, log: Logger, hooks: { afterMigrate?: (store: Store) => Promise<void> } = {}): Promise<RunningNode> {
  const store = await openStore(config, log);
  try {
    await configureDocumentsKey(store.db, config, log);
    configureOutbound({ allowPrivate: config.OUTBOUND_ALLOW_PRIVATE });
    await hooks.afterMigrate?.(store);
    const app = await buildApp({
      ctx: store.ctx, pool: store.pool, storeKind: store.kind, version,
      sessionTtlHours: config.SESSION_TTL_HOURS, loginMaxFailures: config.LOGIN_MAX_FAILURES,
      cookieSecure: config.COOKIE_SECURE, trustProxy: config.TRUST_PROXY,
    });
    const jobs = new JobRunner(store.db, { clock: store.ctx.clock, ids: store.ctx.ids, log });
    for (const job of tenancyJobs(store.ctx)) jobs.addRecurring(job);
    for (const job of customerJobs(store.ctx)) jobs.addRecurring(job);
    jobs.addHandler(importJobHandler({ ctx: store.ctx, pool: store.pool }));
    jobs.addHandler(duplicateScanJobHandler(store.ctx));
    registerLoyaltyJobs(jobs, store.ctx);
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    if (config.JOBS) jobs.start();
    let stopping: Promise<void> | null = null;
    return {
      app, store, jobs, url: address,
      stop: () => (stopping ??= (async () => {
        await app.close();
        await jobs.stop();
        await store.shutdown();
      })()),
    };
  } catch (e) {
    await store.shutdown();
    throw e;
  }
}
