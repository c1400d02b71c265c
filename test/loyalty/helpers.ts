// A loyalty test bench on a fresh database: an organization with its owner, a POS API key, a program,
// and helpers that act over HTTP like the till and the owner would.
import type { LightMyRequestResponse } from 'fastify';
import { createTenant, createTestApp, loginCookie, type Tenant, type TestApp } from '../support/app.js';
import type { ProgramConfig } from '../../src/modules/loyalty/domain/index.js';
import { exampleProgram } from '../../src/modules/loyalty/domain/index.js';

export interface LoyaltyBench {
  t: TestApp;
  a: Tenant;
  programId: string;
  posKey: string;
  /** As the owner (session cookie). */
  owner(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  /** As the till (API key). */
  pos(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  customer(familyName: string, extra?: Record<string, unknown>): Promise<string>;
  card(customerId: string, tier?: string): Promise<{ id: string; number: string }>;
  close(): Promise<void>;
}

export const CARD_FORMAT = { scheme: 'ean13', prefix: '250', length: 13 } as const;

export async function loyaltyBench(options: { now?: string; config?: Partial<ProgramConfig>; timeZone?: string } = {}): Promise<LoyaltyBench> {
  const t = await createTestApp({ now: options.now ?? '2026-03-15T10:00:00Z' });
  const a = await createTenant(t, { currency: 'EUR', timeZone: options.timeZone ?? 'Europe/Tallinn' });
  // Tests move the clock by weeks; the owner logs in again when the session has expired.
  const owner: LoyaltyBench['owner'] = async (method, url, payload) => {
    const send = () => t.app.inject({ method, url, headers: { cookie: a.cookie }, ...(payload !== undefined && { payload: payload as object }) });
    const res = await send();
    if (res.statusCode !== 401) return res;
    a.cookie = await loginCookie(t, a.email, a.password);
    return send();
  };
  const program = await owner('POST', '/api/loyalty/programs', { name: 'Friends', config: exampleProgram(options.config), cardFormat: CARD_FORMAT });
  if (program.statusCode !== 201) throw new Error(`program: ${program.body}`);
  const key = await owner('POST', '/api/api-keys', { name: 'Till 1', outletId: a.outletId });
  const posKey = key.json().secret as string;
  const pos: LoyaltyBench['pos'] = (method, url, payload) => t.app.inject({ method, url, headers: { authorization: `Bearer ${posKey}` }, ...(payload !== undefined && { payload: payload as object }) });
  let n = 0;
  return {
    t, a, programId: program.json().id, posKey, owner, pos,
    customer: async (familyName, extra = {}) => {
      const res = await owner('POST', '/api/customers', { familyName, givenNames: `Test${++n}`, ...extra });
      if (res.statusCode !== 201) throw new Error(`customer: ${res.body}`);
      return res.json().id as string;
    },
    card: async (customerId, tier) => {
      const res = await owner('POST', '/api/cards', { customerId, ...(tier && { tier }) });
      if (res.statusCode !== 201) throw new Error(`card: ${res.body}`);
      return res.json() as { id: string; number: string };
    },
    close: () => t.close(),
  };
}

/** A receipt line: price in minor units, quantity in pieces. */
export const line = (sku: string, unitPrice: number, quantity = 1, extra: Record<string, unknown> = {}) => ({ sku, unitPrice, quantity, ...extra });

export const DAY = 86_400_000;
