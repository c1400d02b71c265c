// Identity documents: encrypted at rest, found by number through a keyed hash, full to owners and
// managers, masked to cashiers; the key comes from the configuration or a 0600 file, and a node with
// another key refuses to start once documents exist.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDocument } from '../../src/modules/customers/documents/service.js';
import { configureDocumentsKey, createCustomer, useDocumentsKey } from '../../src/modules/customers/index.js';
import { createOrganization } from '../../src/modules/tenancy/index.js';
import { StartupError } from '../../src/platform/errors.js';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/db.js';
import { addStaff, client } from './support.js';

let t: TestApp;
let a: Tenant;
let owner: ReturnType<typeof client>;
let customerId: string;
let documentId: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Travel agency' });
  owner = client(t, a.cookie);
  useDocumentsKey(Buffer.alloc(32, 1));
  customerId = (await owner.ok('POST', '/api/customers', { familyName: 'Иванова', givenNames: 'Анна' })).id;
  documentId = (await owner.ok('POST', `/api/customers/${customerId}/documents`, { type: 'foreign_passport', series: '75', number: '1234567', expiresOn: '2031-05-20', citizenship: 'rus', issuedBy: 'МВД 77001' })).id;
});
afterAll(() => t.close());

describe('identity documents', () => {
  it('stores no part of the document in the clear but the last four characters', async () => {
    const row = await t.db.db.selectFrom('customer_documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
    const everything = Buffer.concat([row.payload, row.number_hmac, row.full_hmac, Buffer.from(JSON.stringify({ ...row, payload: null, number_hmac: null, full_hmac: null }))]).toString('latin1');
    for (const secret of ['1234567', '2031-05-20', 'RUS', 'МВД', Buffer.from('МВД').toString('latin1')]) expect(everything).not.toContain(secret);
    expect(row.number_tail).toBe('4567');
    expect(row.payload.length).toBeGreaterThan(12 + 16);
  });

  it('shows the full document to a manager and a masked one to a cashier', async () => {
    const manager = await addStaff(t, a.cookie, 'manager', 'm@travel.example');
    const cashier = await addStaff(t, a.cookie, 'cashier', 'c@travel.example');
    const full = await client(t, manager.cookie).ok('GET', `/api/customers/${customerId}/documents`);
    expect(full.items[0]).toMatchObject({ type: 'foreign_passport', series: '75', number: '1234567', expiresOn: '2031-05-20', citizenship: 'RUS', issuedBy: 'МВД 77001', masked: false, numberMasked: '•••• 4567' });
    const masked = await client(t, cashier.cookie).ok('GET', `/api/customers/${customerId}/documents`);
    expect(masked.items[0]).toMatchObject({ type: 'foreign_passport', series: null, number: null, expiresOn: null, citizenship: null, masked: true, numberMasked: '•••• 4567' });
    const denied = await client(t, cashier.cookie).call('POST', `/api/customers/${customerId}/documents`, { type: 'passport', number: '1' });
    expect(denied.status).toBe(403);
    const search = await client(t, cashier.cookie).ok('GET', '/api/customers/search?q=75%201234567');
    expect(search.items.map((i: { id: string }) => i.id)).toEqual([customerId]);
    expect(search.items[0].document).toBe('foreign_passport •••• 4567');
  });

  it('re-encrypts on change and finds the new number only', async () => {
    const before = await t.db.db.selectFrom('customer_documents').select('payload').where('id', '=', documentId).executeTakeFirstOrThrow();
    const changed = await owner.ok('PATCH', `/api/customer-documents/${documentId}`, { number: '7654321' });
    expect(changed).toMatchObject({ series: '75', number: '7654321', expiresOn: '2031-05-20', numberMasked: '•••• 4321' });
    const after = await t.db.db.selectFrom('customer_documents').select('payload').where('id', '=', documentId).executeTakeFirstOrThrow();
    expect(after.payload.equals(before.payload)).toBe(false);
    expect((await owner.ok('GET', '/api/customers/search?q=1234567')).items).toEqual([]);
    expect((await owner.ok('GET', '/api/customers/search?q=7654321')).items.map((i: { id: string }) => i.id)).toEqual([customerId]);
  });

  it('cannot read a document with another key, and says so', async () => {
    useDocumentsKey(Buffer.alloc(32, 2));
    try {
      const res = await owner.call('GET', `/api/customers/${customerId}/documents`);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('document_unreadable');
    } finally {
      useDocumentsKey(Buffer.alloc(32, 1));
    }
  });

  it('a row copied to another document does not decrypt (the ciphertext is bound to its row)', async () => {
    const other = await owner.ok('POST', `/api/customers/${customerId}/documents`, { type: 'visa', number: 'V123' });
    const source = await t.db.db.selectFrom('customer_documents').select('payload').where('id', '=', documentId).executeTakeFirstOrThrow();
    await t.db.db.updateTable('customer_documents').set({ payload: source.payload }).where('id', '=', other.id).execute();
    expect((await owner.call('GET', `/api/customers/${customerId}/documents`)).body.error.code).toBe('document_unreadable');
    await owner.ok('DELETE', `/api/customer-documents/${other.id}`);
    expect((await owner.ok('GET', `/api/customers/${customerId}/documents`)).items).toHaveLength(1);
  });
});

describe('the documents key', () => {
  it('is generated once in DATA_DIR with mode 0600, and a node with another key refuses to start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regulars-key-'));
    try {
      const db = await createTestDatabase();
      try {
        await configureDocumentsKey(db.db, { dataDir: dir });
        const file = path.join(dir, 'documents.key');
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        const first = fs.readFileSync(file, 'utf8');
        await configureDocumentsKey(db.db, { dataDir: dir });
        expect(fs.readFileSync(file, 'utf8')).toBe(first);
        // Before any document exists another key is accepted (and recorded)…
        const other = 'ab'.repeat(32);
        await configureDocumentsKey(db.db, { dataDir: dir, CUSTOMER_DOCUMENTS_KEY: other });
        const tenant = await createOrganization(db.ctx, { name: 'K', currency: 'EUR', timeZone: 'Europe/Tallinn', owner: { email: 'k@k.example', name: 'K', password: 'k password 123' } });
        const actor = { organizationId: tenant.organization.id, role: 'owner' as const, staffId: tenant.owner.id, apiKeyId: null, outletId: null };
        const c = await createCustomer(db.ctx, actor, { familyName: 'K' });
        await addDocument(db.ctx, actor, c.id, { type: 'passport', number: '99 99 123456' });
        // …but once documents are written with it, the generated file key no longer starts a node.
        await expect(configureDocumentsKey(db.db, { dataDir: dir })).rejects.toThrow(StartupError);
        await expect(configureDocumentsKey(db.db, { dataDir: dir })).rejects.toThrow(/encrypted with key .* but this node has key/);
        await configureDocumentsKey(db.db, { dataDir: dir, CUSTOMER_DOCUMENTS_KEY: other.toUpperCase() });
        // With an external PostgreSQL nothing is generated: documents wait for the configured key.
        const elsewhere = path.join(dir, 'external');
        await configureDocumentsKey(db.db, { dataDir: elsewhere, DATABASE_URL: 'postgres://db.example/regulars' });
        expect(fs.existsSync(path.join(elsewhere, 'documents.key'))).toBe(false);
        await expect(addDocument(db.ctx, actor, c.id, { type: 'passport', number: '1' })).rejects.toMatchObject({ code: 'documents_key_missing', status: 503 });
      } finally {
        await db.drop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      useDocumentsKey(Buffer.alloc(32, 1));
    }
  });
});
