// Named prepared statements for the checkout's hot queries. PostgreSQL spends more time planning the
// snapshot and write statements (many CTEs and sub-selects) than running them: measured here, the same
// snapshot query serves ~1.1k/s unnamed and ~6.7k/s as a named statement planned once per connection.
// Kysely sends every query unnamed, so this helper gives the compiled query to `pg` as
// `{ name, text }` — pg's own QueryConfig — through Kysely's executor (so transactions still work).
// It relies on Kysely's Postgres driver passing `compiledQuery.sql` straight to `client.query` (true
// for kysely 0.28, pinned ~0.28.8); prepared.test.ts fails if that ever changes. Belongs in
// platform/db eventually. Below them, `q`: statements assembled from template parts (ledger-write.ts),
// compiled and named once per shape.
import { createHash } from 'node:crypto';
import { CompiledQuery, type QueryResult, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';

const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `loyalty_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size > 1000) names.clear(); // dynamic statements have few shapes; this only bounds a bug
    names.set(text, name);
  }
  return name;
}

function run<R>(db: Db, config: { name: string; text: string }, parameters: readonly unknown[]): Promise<QueryResult<R>> {
  return db.executeQuery<R>({ ...CompiledQuery.raw('', [...parameters]), sql: config as unknown as string });
}

export async function executePrepared<R>(db: Db, query: RawBuilder<R>): Promise<QueryResult<R>> {
  const compiled = query.compile(db);
  return run<R>(db, { name: nameOf(compiled.sql), text: compiled.sql }, compiled.parameters);
}

/** A statement whose text never changes (parameters numbered by hand), named once. */
export interface Statement { readonly name: string; readonly text: string }

export const statement = (text: string): Statement => ({ name: nameOf(text), text });

/** Runs a fixed statement: no query compilation, and the text is hashed for its name only once. */
export function executeStatement<R>(db: Db, s: Statement, values: readonly unknown[]): Promise<QueryResult<R>> {
  return run<R>(db, { name: s.name, text: s.text }, values);
}

/**
 * A statement part: template strings and values, the values bound as $n. The write's text depends only on
 * which parts an operation has, so it is compiled once per shape — identified by the template call sites
 * (their strings arrays are the same object on every call) — and named once; per request only the values
 * are collected (~2 µs). Kysely compiled the same raw SQL in ~30 µs per confirm, and naming it hashed the
 * ~3.6 KB text every time. Values go to `pg` exactly as Kysely passed them (Dates, arrays serialized by pg).
 */
export class Q {
  constructor(readonly strings: readonly string[], readonly values: readonly unknown[], readonly tag: string) {}
}
const siteTags = new WeakMap<readonly string[], string>();
let nextSite = 0;
export function q(strings: TemplateStringsArray, ...values: unknown[]): Q {
  let tag = siteTags.get(strings);
  if (tag === undefined) {
    tag = `t${nextSite++}`;
    siteTags.set(strings, tag);
  }
  return new Q(strings, values, tag);
}
export function joinQ(list: readonly Q[], separator: string): Q {
  // strings ['', sep, …, sep, ''] around the parts
  const strings = list.length === 0 ? [''] : ['', ...Array.from({ length: list.length - 1 }, () => separator), ''];
  return new Q(strings, list, `j${JSON.stringify(separator)}`);
}

/** The shape: call sites and nesting, with `$` where a value is bound. */
function shapeOf(x: Q): string {
  let shape = `${x.tag}(`;
  for (const v of x.values) shape += v instanceof Q ? shapeOf(v) : '$';
  return `${shape})`;
}
function collect(x: Q, values: unknown[]): void {
  for (const v of x.values) {
    if (v instanceof Q) collect(v, values);
    else values.push(v);
  }
}
function compile(root: Q): { text: string; values: unknown[] } {
  let text = '';
  const values: unknown[] = [];
  const walk = (x: Q) => {
    const { strings } = x;
    for (let i = 0; i < strings.length; i++) {
      text += strings[i];
      if (i < x.values.length) {
        const v = x.values[i];
        if (v instanceof Q) walk(v);
        else {
          values.push(v);
          text += `$${values.length}`;
        }
      }
    }
  };
  walk(root);
  return { text, values };
}
const MAX_SHAPES = 500;
const shapes = new Map<string, Statement>();
/** The named statement for this shape and its values in order. */
export function prepare(root: Q): { st: Statement; values: unknown[] } {
  const shape = shapeOf(root);
  let st = shapes.get(shape);
  if (!st) {
    st = statement(compile(root).text);
    if (shapes.size >= MAX_SHAPES) shapes.clear(); // shapes are a few dozen; this only bounds a bug
    shapes.set(shape, st);
  }
  const values: unknown[] = [];
  collect(root, values);
  return { st, values };
}
