// Who may do what. Staff have one role per organization; an API key acts as the `pos` role of one outlet.

export const STAFF_ROLES = ['owner', 'manager', 'cashier', 'analyst'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type ActorRole = StaffRole | 'pos';

const GRANTS = {
  'organization.read': ['owner', 'manager', 'cashier', 'analyst'],
  'organization.manage': ['owner'],
  'outlets.manage': ['owner'],
  'staff.read': ['owner', 'manager'],
  'staff.manage': ['owner'],
  'apikeys.manage': ['owner'],
  'audit.read': ['owner'],
  'customers.read': ['owner', 'manager', 'cashier', 'analyst'],
  'customers.write': ['owner', 'manager', 'cashier'],
  'customers.documents': ['owner', 'manager'],
  'customers.import': ['owner', 'manager'],
  // Settings of the customer base (custom fields, questionnaires, complaint reasons), duplicates and merges,
  // and supervising complaints someone else owns.
  'customers.manage': ['owner', 'manager'],
  // Exporting everything held about a person and erasing them on request.
  'customers.privacy': ['owner', 'manager'],
  'checkout.use': ['owner', 'manager', 'cashier', 'pos'],
  'programs.manage': ['owner'],
  'cards.issue_vip': ['owner', 'manager'],
  'points.adjust': ['owner', 'manager'],
  'campaigns.manage': ['owner', 'manager'],
  'tasks.use': ['owner', 'manager'],
  'analytics.read': ['owner', 'manager', 'analyst'],
} as const satisfies Record<string, readonly ActorRole[]>;

export type Permission = keyof typeof GRANTS;

export function can(role: ActorRole, permission: Permission): boolean {
  return (GRANTS[permission] as readonly ActorRole[]).includes(role);
}

export function permissionsOf(role: ActorRole): Permission[] {
  return (Object.keys(GRANTS) as Permission[]).filter((p) => can(role, p));
}

/** The authenticated party of a request or job: everything it touches is inside its organization. */
export interface Actor {
  organizationId: string;
  role: ActorRole;
  staffId: string | null;
  apiKeyId: string | null;
  /** Set for API keys (and later for cashiers bound to a till): the outlet the request comes from. */
  outletId: string | null;
}
