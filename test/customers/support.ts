// Small helpers for the customer tests: requests as a user would send them.
import { expect } from 'vitest';
import type { TestApp } from '../support/app.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export function client(t: TestApp, cookie: string) {
  const call = async (method: Method, url: string, payload?: unknown) => {
    const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.body ? (res.headers['content-type']?.toString().includes('json') ? res.json() : res.body) : null, raw: res };
  };
  /** A request that must succeed; answers its JSON. */
  const ok = async (method: Method, url: string, payload?: unknown) => {
    const res = await call(method, url, payload);
    expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  return { call, ok };
}

export async function addStaff(t: TestApp, ownerCookie: string, role: 'manager' | 'cashier' | 'analyst' | 'owner', email: string) {
  const password = 'staff password 123';
  const res = await t.app.inject({ method: 'POST', url: '/api/staff', headers: { cookie: ownerCookie }, payload: { email, name: `${role} ${email}`, role, password } });
  expect(res.statusCode).toBe(201);
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const cookie = login.cookies.find((c) => c.name === 'regulars_session');
  return { id: res.json().id as string, cookie: `regulars_session=${cookie!.value}` };
}

export const qs = (params: Record<string, string | number | undefined>) =>
  Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
