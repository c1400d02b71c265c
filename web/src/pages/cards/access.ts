// What each role may do with loyalty, mirroring the server's grants (the server still decides).
import type { StaffRole } from '../../api/client';

type Action = 'programs.manage' | 'cards.issue_vip' | 'points.adjust' | 'checkout.use' | 'customers.read';

const GRANTS: Record<Action, readonly StaffRole[]> = {
  'programs.manage': ['owner'],
  'cards.issue_vip': ['owner', 'manager'],
  'points.adjust': ['owner', 'manager'],
  'checkout.use': ['owner', 'manager', 'cashier'],
  'customers.read': ['owner', 'manager', 'cashier', 'analyst'],
};

export const can = (role: StaffRole, action: Action): boolean => GRANTS[action].includes(role);
