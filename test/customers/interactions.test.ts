// Interactions and complaints: a complaint's owner keeps it until it is resolved; only the owner or an
// owner/manager resolves it or hands it over (with a reason); reasons come from an editable list and
// can be counted over a period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createTestApp, type Tenant, type TestApp } from '../support/app.js';
import { addStaff, client, qs } from './support.js';

let t: TestApp;
let a: Tenant;
let owner: ReturnType<typeof client>;
let anna: { id: string; cookie: string };
let boris: { id: string; cookie: string };
let manager: { id: string; cookie: string };
let customer: string;
let reasons: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  a = await createTenant(t, { name: 'Shop' });
  owner = client(t, a.cookie);
  anna = await addStaff(t, a.cookie, 'cashier', 'anna@shop.example');
  boris = await addStaff(t, a.cookie, 'cashier', 'boris@shop.example');
  manager = await addStaff(t, a.cookie, 'manager', 'manager@shop.example');
  customer = (await owner.ok('POST', '/api/customers', { familyName: 'Complainer' })).id;
  reasons = Object.fromEntries((await owner.ok('GET', '/api/complaint-reasons')).items.map((r: { key: string; id: string }) => [r.key, r.id]));
});
afterAll(() => t.close());

describe('interactions', () => {
  it('logs calls, meetings, returns with staff, channel, text and attachment, newest first', async () => {
    await owner.ok('POST', `/api/customers/${customer}/interactions`, { kind: 'call', channel: 'phone', direction: 'inbound', text: 'Asked about delivery', occurredAt: '2026-03-14T09:00:00Z' });
    await owner.ok('POST', `/api/customers/${customer}/interactions`, { kind: 'contract', channel: 'in_person', text: 'Signed annual contract', attachmentRef: 'files/contract-17.pdf', staffId: manager.id, occurredAt: '2026-03-14T12:00:00Z' });
    const list = await owner.ok('GET', `/api/customers/${customer}/interactions?kind=contract`);
    expect(list.items).toEqual([expect.objectContaining({ kind: 'contract', staffId: manager.id, attachmentRef: 'files/contract-17.pdf', complaint: null })]);
    const future = await owner.call('POST', `/api/customers/${customer}/interactions`, { kind: 'call', occurredAt: '2027-01-01T00:00:00Z' });
    expect(future.body.error.details.issues[0].path).toBe('occurredAt');
    const noReason = await owner.call('POST', `/api/customers/${customer}/interactions`, { kind: 'complaint', text: 'Rude' });
    expect(noReason.body.error.details.issues[0].path).toBe('complaint.reasonId');
  });
});

describe('complaints', () => {
  it('starts with the five default reasons', () => {
    expect(Object.keys(reasons)).toEqual(['product', 'staff', 'moment_of_sale', 'price', 'other']);
  });

  it('stays with its owner: nobody else resolves or hands it over; a hand-over needs a reason and is kept', async () => {
    const complaint = await client(t, anna.cookie).ok('POST', `/api/customers/${customer}/interactions`, { kind: 'complaint', channel: 'in_person', text: 'Zip broke after a week', complaint: { reasonId: reasons.product } });
    expect(complaint.complaint).toMatchObject({ status: 'open', ownerId: anna.id, reasonId: reasons.product });
    const byBoris = await client(t, boris.cookie).call('POST', `/api/complaints/${complaint.id}/resolve`, { resolution: 'Refunded' });
    expect(byBoris.status).toBe(403);
    expect(byBoris.body.error.code).toBe('complaint_not_yours');
    expect((await client(t, boris.cookie).call('POST', `/api/complaints/${complaint.id}/reassign`, { ownerId: boris.id, reason: 'I will take it' })).status).toBe(403);
    expect((await client(t, anna.cookie).call('POST', `/api/complaints/${complaint.id}/reassign`, { ownerId: boris.id, reason: '' })).status).toBe(400);
    const handed = await client(t, anna.cookie).ok('POST', `/api/complaints/${complaint.id}/reassign`, { ownerId: boris.id, reason: 'On holiday for two weeks' });
    expect(handed.complaint.ownerId).toBe(boris.id);
    expect((await client(t, anna.cookie).call('POST', `/api/complaints/${complaint.id}/resolve`, { resolution: 'x' })).status).toBe(403);
    const resolved = await client(t, boris.cookie).ok('POST', `/api/complaints/${complaint.id}/resolve`, { resolution: 'Replaced the jacket' });
    expect(resolved.complaint).toMatchObject({ status: 'resolved', resolution: 'Replaced the jacket', resolvedBy: boris.id });
    const again = await client(t, boris.cookie).call('POST', `/api/complaints/${complaint.id}/resolve`, { resolution: 'x' });
    expect(again.body.error.code).toBe('complaint_resolved');
    const handovers = await owner.ok('GET', `/api/complaints/${complaint.id}/handovers`);
    expect(handovers.items).toEqual([expect.objectContaining({ fromStaffId: anna.id, toStaffId: boris.id, reason: 'On holiday for two weeks', byStaffId: anna.id })]);
  });

  it('lets a manager hand over someone else’s complaint, and lists each staff member’s open ones', async () => {
    const complaint = await client(t, anna.cookie).ok('POST', `/api/customers/${customer}/interactions`, { kind: 'complaint', text: 'Waited 40 minutes', complaint: { reasonId: reasons.staff } });
    await client(t, manager.cookie).ok('POST', `/api/complaints/${complaint.id}/reassign`, { ownerId: manager.id, reason: 'Escalated' });
    const mine = await client(t, manager.cookie).ok('GET', `/api/complaints?${qs({ status: 'open', ownerId: manager.id })}`);
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([complaint.id]);
    const notAStaff = await owner.call('POST', `/api/complaints/${complaint.id}/reassign`, { ownerId: '00000000-0000-7000-8000-00000000dead', reason: 'x' });
    expect(notAStaff.body.error.details.issues[0].path).toBe('ownerId');
  });

  it('counts complaints by reason over a period, with edited and added reasons', async () => {
    const late = await owner.ok('POST', '/api/complaint-reasons', { label: 'Late delivery' });
    await owner.ok('PATCH', `/api/complaint-reasons/${reasons.price}`, { label: 'Too expensive' });
    await owner.ok('POST', `/api/customers/${customer}/interactions`, { kind: 'complaint', text: 'Parcel came late', complaint: { reasonId: late.id }, occurredAt: '2026-03-10T10:00:00Z' });
    await owner.ok('POST', `/api/customers/${customer}/interactions`, { kind: 'complaint', text: 'Old one', complaint: { reasonId: reasons.product }, occurredAt: '2026-01-10T10:00:00Z' });
    const stats = await owner.ok('GET', `/api/complaints/by-reason?${qs({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' })}`);
    const byKey = Object.fromEntries(stats.items.map((r: { key: string; total: number; open: number; resolved: number; label: string }) => [r.key, [r.label, r.total, r.open, r.resolved]]));
    expect(byKey).toEqual({
      product: ['Product', 1, 0, 1], staff: ['Staff', 1, 1, 0], moment_of_sale: ['Moment of sale', 0, 0, 0], price: ['Too expensive', 0, 0, 0], other: ['Other', 0, 0, 0],
      late_delivery: ['Late delivery', 1, 1, 0],
    });
    const cashierEdit = await client(t, anna.cookie).call('POST', '/api/complaint-reasons', { label: 'Mine' });
    expect(cashierEdit.status).toBe(403);
    const builtIn = (await owner.ok('GET', '/api/complaint-reasons')).items.filter((r: { builtIn: boolean }) => r.builtIn).map((r: { key: string }) => r.key);
    expect(builtIn).toEqual(['product', 'staff', 'moment_of_sale', 'other']);
  });
});
