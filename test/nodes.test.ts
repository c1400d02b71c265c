// Two server processes on one PostgreSQL serve the same logged-in session (no in-process state).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { login, startServer, type ServerProcess } from './support/process.js';

let db: TestDatabase;
let nodes: ServerProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await db.close(); // the servers bring their own pools
  const env = { DATABASE_URL: db.url, REGULARS_OWNER_EMAIL: 'owner@two-nodes.example', REGULARS_OWNER_PASSWORD: 'two nodes password' };
  // Started together on an empty database: both race to create the first owner; exactly one must.
  nodes = await Promise.all([startServer(env), startServer(env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.kill()));
  await db.drop();
});

describe('two nodes on one PostgreSQL', () => {
  it('both report the external store and the same schema', async () => {
    const health = await Promise.all(nodes.map(async (n) => (await fetch(`${n.baseUrl}/health`)).json()));
    expect(health[0]).toEqual(health[1]);
    expect(health[0]).toMatchObject({ status: 'ok', store: 'external' });
  });

  it('serves a session from either node, and a logout on one ends it on the other', async () => {
    const [a, b] = nodes as [ServerProcess, ServerProcess];
    const cookie = await login(a.baseUrl, 'owner@two-nodes.example', 'two nodes password');
    const onB = await fetch(`${b.baseUrl}/api/me`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { staff: { email: string } }).staff.email).toBe('owner@two-nodes.example');
    const outOnB = await fetch(`${b.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(outOnB.status).toBe(204);
    expect((await fetch(`${a.baseUrl}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('created exactly one first organization', async () => {
    const [a] = nodes as [ServerProcess];
    const cookie = await login(a.baseUrl, 'owner@two-nodes.example', 'two nodes password');
    const staff = (await (await fetch(`${a.baseUrl}/api/staff`, { headers: { cookie } })).json()) as { items: unknown[] };
    expect(staff.items).toHaveLength(1);
    const printed = nodes.map((n) => n.output().includes('First start')).filter(Boolean);
    expect(printed).toHaveLength(1);
  });
});
