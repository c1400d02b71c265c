// API keys are resolved from a cache for a few seconds (api-key-cache.ts): revoking on this node stops a
// key at once; revoked elsewhere (here: straight in the database, as another node's revocation looks
// from this one), it stops within API_KEY_CACHE_MS.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../../../test/support/app.js';
import { API_KEY_CACHE_MS, apiKeyGeneration, cachedApiKey, forgetApiKey, rememberApiKey } from './api-key-cache.js';

let t: TestApp;
let a: Tenant;
beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Cache shop' });
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

const newKey = async (name: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/api-keys', headers: { cookie: a.cookie }, payload: { name, outletId: a.outletId } });
  expect(res.statusCode).toBe(201);
  return res.json() as { secret: string; apiKey: { id: string } };
};
const asKey = (secret: string) => t.app.inject({ method: 'POST', url: '/api/checkout/calculate', headers: { authorization: `Bearer ${secret}` }, payload: { lines: [{ sku: 'A', unitPrice: 100 }] } });
/** What the key's holder gets: past authentication, this shop (without a program) answers no_program. */
const outcome = async (secret: string) => (await asKey(secret)).json().error.code as string;

describe('the API key cache', () => {
  it('forgets entries after the bound, on revocation, and never remembers a look-up that raced with one', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const key = { id: 'k1', organizationId: 'o', outletId: 'x', lastUsedAt: null };
    rememberApiKey('h1', key, apiKeyGeneration());
    expect(cachedApiKey('h1')).toBe(key);
    vi.advanceTimersByTime(API_KEY_CACHE_MS - 1);
    expect(cachedApiKey('h1')).toBe(key);
    vi.advanceTimersByTime(1);
    expect(cachedApiKey('h1')).toBeNull();
    rememberApiKey('h1', key, apiKeyGeneration());
    forgetApiKey('k1');
    expect(cachedApiKey('h1')).toBeNull();
    const before = apiKeyGeneration();
    forgetApiKey('k2'); // a revocation while the look-up of h1 was in flight
    rememberApiKey('h1', key, before);
    expect(cachedApiKey('h1')).toBeNull();
  });

  it('serves a till without the database, and stops a key revoked on another node within the bound', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { secret } = await newKey('Till cache');
    expect(await outcome(secret)).toBe('no_program');
    await t.db.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('prefix', '=', secret.slice(3, 15)).execute();
    expect(await outcome(secret)).toBe('no_program'); // still cached here: the documented bound
    vi.advanceTimersByTime(API_KEY_CACHE_MS);
    const after = await asKey(secret);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('invalid_api_key');
  });

  it('stops a key revoked on this node at once, and never lets a wrong secret with a known prefix in', async () => {
    const { secret, apiKey } = await newKey('Till revoke');
    expect(await outcome(secret)).toBe('no_program');
    const wrong = `${secret.slice(0, 16)}${secret.at(16) === 'A' ? 'B' : 'A'}${secret.slice(17)}`;
    expect(await outcome(wrong)).toBe('invalid_api_key');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/api-keys/${apiKey.id}`, headers: { cookie: a.cookie } })).statusCode).toBe(200);
    expect(await outcome(secret)).toBe('invalid_api_key');
  });
});
