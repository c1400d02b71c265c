// The jobs runner. Two kinds of work, both safe with several nodes on one PostgreSQL:
// - recurring jobs (expire points, evaluate clubs, clean sessions): a node claims a due run by moving
//   `next_run_at` forward in a single conditional UPDATE — one node wins; a missed run (downtime) is
//   simply due, so it runs once on the next poll and the job itself catches up on everything due;
// - queued jobs (imports, exports, webhook deliveries): claimed with FOR UPDATE SKIP LOCKED, retried up
//   to max_attempts, with progress the web app and CLI show as a bar.
// A started runner polls the two on separate loops, so an import of a million rows (minutes) does not hold
// back the points unlock or the club evaluation, and a long recurring job does not hold back the queue;
// quick queued work (webhook deliveries) has a third loop of its own, so it never waits behind an import.
import { sql, type ColumnType, type Generated } from 'kysely';
import type { Logger } from './logging.js';
import type { Clock } from './time.js';
import type { IdGenerator } from './ids.js';
import type { Db } from './db/database.js';

export interface RecurringJob {
  name: string;
  everySeconds: number;
  run(ctx: { now: Date }): Promise<unknown>;
}

/** How long a claimed job is leased when its handler does not say. */
const DEFAULT_LEASE_SECONDS = 600;

export interface QueuedJobHandler {
  kind: string;
  /** Long jobs lease the row for this long and must finish (or report progress) within it. */
  leaseSeconds?: number;
  /** Short work (a webhook delivery): also claimed on a loop of its own, so a long import never holds it back. */
  quick?: boolean;
  run(job: QueuedJob, ctx: { progress(done: number, total?: number): Promise<void> }): Promise<unknown>;
}

export interface QueuedJob { id: string; organizationId: string | null; kind: string; payload: unknown; attempts: number }

declare module './db/schema.js' {
  interface Database {
    scheduled_jobs: {
      name: string; next_run_at: Date; last_started_at: Date | null; last_finished_at: Date | null;
      last_error: string | null; running_until: Date | null;
    };
    job_queue: {
      id: string; organization_id: string | null; kind: string; payload: ColumnType<unknown, string, string>;
      status: Generated<'queued' | 'running' | 'done' | 'failed'>; run_at: Date; attempts: Generated<number>;
      max_attempts: number; locked_until: Date | null; progress_done: Generated<number>; progress_total: number | null;
      result: ColumnType<unknown, string | null, string | null>; last_error: string | null;
      created_at: Generated<Date>; finished_at: Date | null;
    };
  }
}

export class JobRunner {
  private recurring = new Map<string, RecurringJob>();
  private handlers = new Map<string, QueuedJobHandler>();
  private started = false;
  /** Which start() the loops belong to, so a pass that ends after stop() and a new start() does not loop on. */
  private generation = 0;
  private timers = new Set<NodeJS.Timeout>();
  /** The passes in progress on the loops of a started runner; stop() waits for them. */
  private passes = new Set<Promise<void>>();
  constructor(private readonly jdb: Db, private readonly deps: { clock: Clock; ids: IdGenerator; log: Logger }) {}

  addRecurring(job: RecurringJob): void {
    this.recurring.set(job.name, job);
  }

  addHandler(handler: QueuedJobHandler): void {
    this.handlers.set(handler.kind, handler);
  }

  async enqueue(kind: string, payload: unknown, options: { organizationId?: string; runAt?: Date; maxAttempts?: number } = {}): Promise<string> {
    const id = this.deps.ids.next();
    await this.jdb.insertInto('job_queue').values({
      id, kind, payload: JSON.stringify(payload), organization_id: options.organizationId ?? null,
      run_at: options.runAt ?? this.deps.clock.now(), max_attempts: options.maxAttempts ?? 3,
      locked_until: null, progress_total: null, result: null, last_error: null, finished_at: null,
    }).execute();
    return id;
  }

  /**
   * Polls every `pollMs` on independent loops: one for the recurring jobs, and `queuedSlots` for queued
   * jobs (one by default: an import holds two pool connections, and DATABASE_POOL_SIZE may be 2).
   */
  start(pollMs = 1000, options: { queuedSlots?: number } = {}): void {
    if (this.started) return;
    this.started = true;
    const generation = ++this.generation;
    const live = () => this.started && this.generation === generation;
    this.loop('recurring', pollMs, live, () => this.runDueRecurring(live));
    const slots = Math.max(1, options.queuedSlots ?? 1);
    for (let i = 0; i < slots; i++) this.loop('queued', pollMs, live, () => this.drainQueued(live, false));
    this.loop('quick', pollMs, live, () => this.drainQueued(live, true));
  }

  /** Stops polling and claiming, and waits for the handlers that are running to finish. */
  async stop(): Promise<void> {
    this.started = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    while (this.passes.size > 0) await Promise.all([...this.passes]);
  }

  /** One pass, as a node's loops would do it: every due recurring job this node wins, then drain claimable queued jobs. */
  async tick(): Promise<void> {
    await this.runDueRecurring(() => true);
    await this.drainQueued(() => true, false);
  }

  private loop(name: string, pollMs: number, live: () => boolean, pass: () => Promise<void>): void {
    const schedule = (ms: number) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!live()) return;
        const running: Promise<void> = pass()
          .catch((e) => this.deps.log.error({ err: e, loop: name }, 'job runner pass failed'))
          .finally(() => {
            this.passes.delete(running);
            if (live()) schedule(pollMs);
          });
        this.passes.add(running);
      }, ms);
      this.timers.add(timer);
    };
    schedule(0);
  }

  private async runDueRecurring(goOn: () => boolean): Promise<void> {
    for (const job of this.recurring.values()) {
      if (!goOn()) return;
      await this.runRecurringIfDue(job);
    }
  }

  /** `quickOnly`: the quick lane, which claims only the kinds whose handlers are quick. */
  private async drainQueued(goOn: () => boolean, quickOnly: boolean): Promise<void> {
    while (goOn() && (await this.runNextQueued(quickOnly))) { /* drain */ }
  }

  private async runRecurringIfDue(job: RecurringJob): Promise<boolean> {
    const now = this.deps.clock.now();
    await this.jdb.insertInto('scheduled_jobs').values({ name: job.name, next_run_at: now, last_started_at: null, last_finished_at: null, last_error: null, running_until: null }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const claimed = await this.jdb
      .updateTable('scheduled_jobs')
      .set({ next_run_at: new Date(now.getTime() + job.everySeconds * 1000), last_started_at: now, running_until: new Date(now.getTime() + job.everySeconds * 1000) })
      .where('name', '=', job.name)
      .where('next_run_at', '<=', now)
      .where((eb) => eb.or([eb('running_until', 'is', null), eb('running_until', '<=', now)]))
      .returning('name')
      .executeTakeFirst();
    if (!claimed) return false;
    let error: string | null = null;
    try {
      await job.run({ now });
    } catch (e) {
      error = (e as Error).message;
      this.deps.log.error({ err: e, job: job.name }, 'recurring job failed');
    }
    await this.jdb.updateTable('scheduled_jobs').set({ last_finished_at: this.deps.clock.now(), last_error: error, running_until: null }).where('name', '=', job.name).execute();
    return true;
  }

  private async runNextQueued(quickOnly: boolean): Promise<boolean> {
    const kinds = [...this.handlers.values()].filter((h) => !quickOnly || h.quick).map((h) => h.kind);
    if (kinds.length === 0) return false;
    const now = this.deps.clock.now();
    // Each kind's own lease from the start, so a crashed node's job is picked up when its handler said.
    const leases = kinds.map((k) => this.handlers.get(k)?.leaseSeconds ?? DEFAULT_LEASE_SECONDS);
    const claimed = await sql<{ id: string; organization_id: string | null; kind: string; payload: unknown; attempts: number }>`
      UPDATE job_queue SET status = 'running', attempts = attempts + 1,
        locked_until = ${now}::timestamptz + make_interval(secs => (${leases}::int[])[array_position(${kinds}::text[], kind)])
      WHERE id = (
        SELECT id FROM job_queue
        WHERE kind = ANY(${kinds}) AND run_at <= ${now}
          AND (status = 'queued' OR (status = 'running' AND locked_until < ${now}))
          AND attempts < max_attempts
        ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, organization_id, kind, payload, attempts`.execute(this.jdb);
    const row = claimed.rows[0];
    if (!row) return false;
    const handler = this.handlers.get(row.kind);
    if (!handler) return false;
    const job: QueuedJob = { id: row.id, organizationId: row.organization_id, kind: row.kind, payload: row.payload, attempts: row.attempts };
    const progress = async (done: number, total?: number) => {
      await this.jdb.updateTable('job_queue')
        .set({ progress_done: done, ...(total !== undefined ? { progress_total: total } : {}), locked_until: new Date(this.deps.clock.now().getTime() + (handler.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000) })
        .where('id', '=', job.id).execute();
    };
    try {
      const result = await handler.run(job, { progress });
      await this.jdb.updateTable('job_queue').set({ status: 'done', result: JSON.stringify(result ?? null), finished_at: this.deps.clock.now(), locked_until: null }).where('id', '=', job.id).execute();
    } catch (e) {
      this.deps.log.error({ err: e, job: job.kind, id: job.id }, 'queued job failed');
      const failed = row.attempts >= 1 ? await this.jdb.selectFrom('job_queue').select(['attempts', 'max_attempts']).where('id', '=', job.id).executeTakeFirst() : undefined;
      const final = !failed || failed.attempts >= failed.max_attempts;
      await this.jdb.updateTable('job_queue')
        .set({ status: final ? 'failed' : 'queued', last_error: (e as Error).message, locked_until: null, ...(final ? { finished_at: this.deps.clock.now() } : {}) })
        .where('id', '=', job.id).execute();
    }
    return true;
  }
}
