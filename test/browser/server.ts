// A real server for browser tests: a fresh test database with one organization and its owner, the
// app with the built web app (web/dist), listening on a free port of 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../src/app/server.js';
import { createOrganization } from '../../src/modules/tenancy/index.js';
import type { HttpApp } from '../../src/platform/http.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

export const WEB_INDEX = path.resolve(import.meta.dirname, '../../web/dist/index.html');

export interface BrowserTestServer {
  url: string;
  app: HttpApp;
  db: TestDatabase;
  owner: { email: string; password: string; name: string };
  organization: { id: string; name: string };
  close(): Promise<void>;
}

export async function startBrowserTestServer(org: { name: string; currency: string; timeZone: string; locale?: string }): Promise<BrowserTestServer> {
  if (!fs.existsSync(WEB_INDEX)) {
    throw new Error(`The web app is not built (${WEB_INDEX} is missing): run \`npm run build:web\` first (npm test does it).`);
  }
  const db = await createTestDatabase();
  const owner = { email: 'owner@browser.test', password: 'correct horse battery', name: 'Olga Owner' };
  const created = await createOrganization(db.ctx, { ...org, owner });
  const app = await buildApp({
    ctx: db.ctx, pool: db.pool, storeKind: 'embedded', serveWeb: true,
    sessionTtlHours: 24, loginMaxFailures: 5, cookieSecure: false, trustProxy: false,
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (e) {
    await app.close();
    await db.drop();
    throw e;
  }
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    db,
    owner,
    organization: { id: created.organization.id, name: created.organization.name },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
