// The job runner on several nodes: each due run of a recurring job happens once; each queued job is
// claimed by one node; a failing job is retried and then marked failed with its error; a long queued job
// does not hold back the recurring ones, and stopping waits for the handlers that run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../src/platform/jobs.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

let db: TestDatabase;
beforeAll(async () => { db = await createTestDatabase({ now: '2026-05-01T00:00:00Z' }); });
afterAll(() => db.drop());

const soon = { timeout: 5_000 }; // a busy machine can take a while to run a 10 ms poll loop
const runners = (n: number) => Array.from({ length: n }, () => new JobRunner(db.db, { clock: db.clock, ids: db.ctx.ids, log: db.ctx.log }));

describe('job runner', () => {
  it('runs a due recurring job once however many nodes poll, and once more after downtime', async () => {
    const runs: string[] = [];
    const nodes = runners(3);
    nodes.forEach((r, i) => r.addRecurring({ name: 'test.hourly', everySeconds: 3600, run: async ({ now }) => { runs.push(`${i}@${now.toISOString()}`); } }));
    await Promise.all(nodes.map((r) => r.tick()));
    expect(runs).toHaveLength(1);
    await Promise.all(nodes.map((r) => r.tick()));
    expect(runs).toHaveLength(1); // not due yet
    db.clock.advance(5 * 3600_000); // five hours of downtime: one catch-up run, not five
    await Promise.all(nodes.map((r) => r.tick()));
    expect(runs).toHaveLength(2);
  });

  it('gives each queued job to one node and retries failures up to the limit', async () => {
    const seen: string[] = [];
    let failures = 0;
    const nodes = runners(2);
    for (const r of nodes) {
      r.addHandler({ kind: 'test.work', run: async (job) => { seen.push((job.payload as { n: number }).n.toString()); return { ok: true }; } });
      r.addHandler({ kind: 'test.flaky', run: async () => { failures++; throw new Error('boom'); } });
    }
    for (let n = 0; n < 20; n++) await nodes[0]!.enqueue('test.work', { n });
    const flaky = await nodes[0]!.enqueue('test.flaky', {}, { maxAttempts: 2 });
    await Promise.all(nodes.map((r) => r.tick()));
    await Promise.all(nodes.map((r) => r.tick()));
    expect(seen.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(failures).toBe(2);
    const row = await db.db.selectFrom('job_queue').select(['status', 'attempts', 'last_error']).where('id', '=', flaky).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', attempts: 2, last_error: 'boom' });
  });

  it('leases a claimed job for its handler\'s lease, so a job of a node that died is taken up when that ends', async () => {
    const [dying, survivor] = runners(2);
    let started = 0;
    // The first node claims the job and never finishes it (as if killed mid-run).
    dying!.addHandler({ kind: 'test.short', leaseSeconds: 30, run: () => { started++; return new Promise(() => {}); } });
    let finished = 0;
    survivor!.addHandler({ kind: 'test.short', leaseSeconds: 30, run: async () => { finished++; return null; } });
    const id = await dying!.enqueue('test.short', {});
    void dying!.tick();
    await expect.poll(() => started).toBe(1);
    const claimed = await db.db.selectFrom('job_queue').select(['status', 'locked_until']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(claimed.status).toBe('running');
    expect(claimed.locked_until!.getTime() - db.clock.now().getTime()).toBe(30_000);
    await survivor!.tick();
    expect(finished).toBe(0); // still leased
    db.clock.advance(31_000);
    await survivor!.tick();
    expect(finished).toBe(1);
  });
  it('runs a due recurring job while a long queued job is still running, and stop() waits for that job', async () => {
    const [node] = runners(1);
    const recurringRuns: string[] = [];
    node!.addRecurring({ name: 'test.every-minute', everySeconds: 60, run: async ({ now }) => { recurringRuns.push(now.toISOString()); } });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const started: string[] = [];
    // Like an import of a million rows: runs until the test lets it finish.
    node!.addHandler({ kind: 'test.long', run: async (job) => { started.push(job.id); await released; return { rows: 1_000_000 }; } });
    const long = await node!.enqueue('test.long', {});
    node!.start(10);
    await expect.poll(() => started, soon).toEqual([long]);
    await expect.poll(() => recurringRuns.length, soon).toBe(1);
    // A minute later the recurring job is due again; the import has not finished, and must not hold it back.
    db.clock.advance(61_000);
    await expect.poll(() => recurringRuns.length, soon).toBe(2);
    db.clock.advance(61_000);
    await expect.poll(() => recurringRuns.length, soon).toBe(3);
    // Queued behind the import (one queued slot), it is not claimed once the runner is stopping.
    const next = await node!.enqueue('test.long', {});
    let stopped = false;
    const stopping = node!.stop().then(() => { stopped = true; });
    await new Promise((r) => setTimeout(r, 100));
    expect(stopped).toBe(false); // still waiting for the import
    release();
    await stopping;
    const rows = await db.db.selectFrom('job_queue').select(['id', 'status', 'result']).where('id', 'in', [long, next]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.status, r.result]]))).toEqual({ [long]: ['done', { rows: 1_000_000 }], [next]: ['queued', null] });
    expect(started).toEqual([long]);
    // Stopped means stopped: nothing more runs, however long we wait.
    db.clock.advance(61_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(recurringRuns).toHaveLength(3);
    expect(started).toEqual([long]);
    // Started again, it takes up the queue where it left off.
    node!.start(10);
    await expect.poll(() => started, soon).toEqual([long, next]);
    await node!.stop();
  });

  it('delivers quick jobs (webhooks) while a long queued job holds the queue', async () => {
    const [node] = runners(1);
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const done: string[] = [];
    node!.addHandler({ kind: 'test.import', run: async () => { await released; done.push('import'); } });
    node!.addHandler({ kind: 'test.webhook', quick: true, run: async () => { done.push('webhook'); } });
    await node!.enqueue('test.import', {});
    node!.start(10);
    await expect.poll(async () => (await db.db.selectFrom('job_queue').select('status').where('kind', '=', 'test.import').executeTakeFirst())?.status, soon).toBe('running');
    await node!.enqueue('test.webhook', {});
    await node!.enqueue('test.import', {});
    await expect.poll(() => done, soon).toEqual(['webhook']);
    release();
    await expect.poll(() => done, soon).toEqual(['webhook', 'import', 'import']);
    await node!.stop();
  });
});
