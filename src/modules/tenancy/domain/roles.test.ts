import { describe, expect, it } from 'vitest';
import { can, permissionsOf, STAFF_ROLES } from './roles.js';

describe('roles', () => {
  it('lets only the owner manage staff and API keys', () => {
    expect(can('owner', 'staff.manage')).toBe(true);
    expect(can('manager', 'staff.manage')).toBe(false);
    expect(can('cashier', 'apikeys.manage')).toBe(false);
  });
  it('gives a POS key the checkout and nothing of the back office', () => {
    expect(permissionsOf('pos')).toEqual(['checkout.use']);
  });
  it('lets analysts read analytics but not write customers', () => {
    expect(can('analyst', 'analytics.read')).toBe(true);
    expect(can('analyst', 'customers.write')).toBe(false);
  });
  it('keeps customer-base settings, merges and privacy requests to owners and managers', () => {
    for (const p of ['customers.manage', 'customers.privacy'] as const) {
      expect(STAFF_ROLES.filter((r) => can(r, p))).toEqual(['owner', 'manager']);
      expect(can('pos', p)).toBe(false);
    }
  });
});
