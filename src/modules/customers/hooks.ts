// What other modules plug into the customer base. The customers module never reads another module's
// tables (cards, purchases, ledger accounts belong to loyalty); instead a module registers here, once at
// start, the functions that find, describe, move, export and erase its rows for a customer. Registration
// is by name, so registering the same name again (a second test app in one process) replaces the entry.
import type { Tx, Db } from '../../platform/db/database.js';
import type { TenantScope } from '../../platform/db/tenant.js';

/** One entry of a customer's timeline, from this module or from another. */
export interface TimelineEntry {
  /** Unique within its source; with `at` it orders entries that happened at the same instant. */
  id: string;
  at: Date;
  /** The module or area that contributed it: 'interactions', 'consent', 'profile', 'loyalty.purchases'… */
  source: string;
  /** What kind of event, for the web app's icon and wording: 'call', 'complaint', 'consent_given', 'purchase'… */
  type: string;
  /** A short plain-text line for people; the web app may build a richer one from `data`. */
  summary: string;
  staffId: string | null;
  data: Record<string, unknown>;
}

export interface TimelineCursor { at: Date; id: string }

export interface TimelineSource {
  name: string;
  /**
   * Up to `limit` entries of the customer strictly before `before` — earlier `at`, or the same `at` and an
   * id that sorts lower as text — newest first.
   */
  entries(db: Db, scope: TenantScope, customerId: string, options: { before: TimelineCursor | null; limit: number }): Promise<TimelineEntry[]>;
}

/** Finds customers by something only another module knows, e.g. a card number or a barcode. */
export interface CustomerLookup {
  name: string;
  /** Customer ids whose <thing> matches the typed query exactly; [] when the query is not one of ours. */
  find(db: Db, scope: TenantScope, query: string): Promise<string[]>;
  /** Short labels shown beside each customer in search answers (e.g. masked card numbers). */
  describe?(db: Db, scope: TenantScope, customerIds: string[]): Promise<Map<string, string[]>>;
}

/** Moves another module's rows when two customers are merged, and moves exactly those back on undo. */
export interface CustomerMergeHandler {
  name: string;
  /** Runs inside the merge transaction; returns what undo needs (JSON-serialisable), e.g. the moved row ids. */
  merge(tx: Tx, scope: TenantScope, loserId: string, survivorId: string): Promise<unknown>;
  undo(tx: Tx, scope: TenantScope, undoData: unknown): Promise<void>;
}

/** Another module's part of a privacy export, and what it does when a customer is erased. */
export interface CustomerDataHandler {
  name: string;
  export(db: Db, scope: TenantScope, customerId: string): Promise<unknown>;
  /** Runs inside the erase transaction: remove personal data, keep what totals need (anonymously). */
  erase?(tx: Tx, scope: TenantScope, customerId: string): Promise<void>;
}

const timelineSources = new Map<string, TimelineSource>();
const lookups = new Map<string, CustomerLookup>();
const mergeHandlers = new Map<string, CustomerMergeHandler>();
const dataHandlers = new Map<string, CustomerDataHandler>();

export function registerTimelineSource(source: TimelineSource): void {
  timelineSources.set(source.name, source);
}
export function registerCustomerLookup(lookup: CustomerLookup): void {
  lookups.set(lookup.name, lookup);
}
export function registerCustomerMergeHandler(handler: CustomerMergeHandler): void {
  mergeHandlers.set(handler.name, handler);
}
export function registerCustomerDataHandler(handler: CustomerDataHandler): void {
  dataHandlers.set(handler.name, handler);
}

export const registered = {
  timelineSources: () => [...timelineSources.values()],
  lookups: () => [...lookups.values()],
  mergeHandlers: () => [...mergeHandlers.values()],
  mergeHandler: (name: string) => mergeHandlers.get(name),
  dataHandlers: () => [...dataHandlers.values()],
};
