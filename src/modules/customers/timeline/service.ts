// The profile timeline: everything that happened with a customer, newest first, merged from several
// sources — this module's interactions, consent changes, profile edits and complaint hand-overs, and
// whatever other modules register (loyalty adds purchases). Each source returns its newest entries
// before the cursor; the merge keeps the newest `limit`, so pages are exact however many sources there are.
import type { ServiceContext } from '../../../platform/context.js';
import { sql } from '../../../platform/db/database.js';
import { scoped } from '../../../platform/db/tenant.js';
import { invalidField, notFound } from '../../../platform/errors.js';
import { requirePermission, type Actor } from '../../tenancy/index.js';
import { resolveCustomerId } from '../access.js';
import { registered, type TimelineCursor, type TimelineEntry, type TimelineSource } from '../hooks.js';
import { toInteraction } from '../interactions/service.js';

/**
 * Rows strictly before the cursor in (time, id) order. Ids compare as text: the cursor may come from
 * another module's entry whose id is not a uuid, and a uuid's text sorts as the uuid does.
 */
const beforeCursor = (timeColumn: string, idColumn: string, cursor: TimelineCursor | null) =>
  cursor ? sql<boolean>`(${sql.ref(timeColumn)}, ${sql.ref(idColumn)}::text) < (${cursor.at}::timestamptz, ${cursor.id}::text)` : sql<boolean>`true`;

const firstLine = (text: string | null, max = 160) => {
  const line = (text ?? '').split('\n')[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

export const builtInSources: TimelineSource[] = [
  {
    name: 'interactions',
    async entries(db, scope, customerId, { before, limit }) {
      const rows = await scoped(db, scope).selectFrom('customer_interactions').selectAll().where('customer_id', '=', customerId)
        .where(beforeCursor('occurred_at', 'id', before)).orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id, at: r.occurred_at, source: 'interactions', type: r.kind, staffId: r.staff_id,
        summary: firstLine(r.text) || r.kind, data: toInteraction(r),
      }));
    },
  },
  {
    name: 'consent',
    async entries(db, scope, customerId, { before, limit }) {
      const rows = await scoped(db, scope).selectFrom('customer_consent_events').selectAll().where('customer_id', '=', customerId)
        .where(beforeCursor('at', 'id', before)).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id, at: r.at, source: 'consent', type: r.granted ? 'consent_given' : 'consent_withdrawn', staffId: r.staff_id,
        summary: `${r.channel}: ${r.granted ? 'consent given' : 'consent withdrawn'} (${r.source})`,
        data: { channel: r.channel, granted: r.granted, source: r.source, note: r.note },
      }));
    },
  },
  {
    name: 'profile',
    async entries(db, scope, customerId, { before, limit }) {
      const rows = await scoped(db, scope).selectFrom('customer_profile_changes').selectAll().where('customer_id', '=', customerId)
        .where(beforeCursor('at', 'id', before)).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id, at: r.at, source: 'profile', type: `profile_${r.action}`, staffId: r.staff_id,
        summary: r.action === 'updated' ? `changed: ${Object.keys(r.changes).join(', ')}` : r.action.replace(/_/g, ' '),
        data: { action: r.action, changes: r.changes },
      }));
    },
  },
  {
    name: 'complaint_handovers',
    async entries(db, scope, customerId, { before, limit }) {
      const rows = await scoped(db, scope).selectFrom('customer_complaint_handovers')
        .innerJoin('customer_interactions', 'customer_interactions.id', 'customer_complaint_handovers.interaction_id')
        .select(['customer_complaint_handovers.id', 'customer_complaint_handovers.at', 'customer_complaint_handovers.interaction_id', 'customer_complaint_handovers.from_staff_id', 'customer_complaint_handovers.to_staff_id', 'customer_complaint_handovers.reason', 'customer_complaint_handovers.by_staff_id'])
        .where('customer_interactions.customer_id', '=', customerId)
        .where(beforeCursor('customer_complaint_handovers.at', 'customer_complaint_handovers.id', before))
        .orderBy('customer_complaint_handovers.at', 'desc').orderBy('customer_complaint_handovers.id', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id, at: r.at, source: 'interactions', type: 'complaint_handover', staffId: r.by_staff_id, summary: firstLine(r.reason),
        data: { complaintId: r.interaction_id, fromStaffId: r.from_staff_id, toStaffId: r.to_staff_id, reason: r.reason },
      }));
    },
  },
];

export function encodeCursor(entry: TimelineEntry): string {
  return Buffer.from(JSON.stringify([entry.at.toISOString(), entry.id])).toString('base64url');
}

export function decodeCursor(text: string): TimelineCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || id.length === 0 || id.length > 200) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw invalidField('cursor', 'is not a cursor this server gave out');
  }
}

const newestFirst = (a: TimelineEntry, b: TimelineEntry) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export async function timeline(ctx: ServiceContext, actor: Actor, customerId: string, options: { cursor?: string | undefined; limit: number }) {
  requirePermission(actor, 'customers.read');
  const id = await resolveCustomerId(ctx.db, actor, customerId);
  if (!id) throw notFound('customer', { id: customerId });
  const before = options.cursor ? decodeCursor(options.cursor) : null;
  const sources = [...builtInSources, ...registered.timelineSources()];
  const lists = await Promise.all(sources.map((s) => s.entries(ctx.db, actor, id, { before, limit: options.limit + 1 })));
  const all = lists.flat().sort(newestFirst);
  const page = all.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    customerId: id,
    items: page.map((e) => ({ ...e, at: e.at.toISOString() })),
    next: all.length > options.limit && last ? encodeCursor(last) : null,
  };
}
