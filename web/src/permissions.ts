// What each role may see in the interface. Mirrors the server's grants (the server still decides:
// a hidden button is convenience, a 403 is the rule).
import type { StaffRole } from './api/client';

export type SettingsPage = 'organization' | 'outlets' | 'staff' | 'apiKeys' | 'audit' | 'profile';
export type Area = 'customers' | 'cards' | 'checkout' | 'campaigns' | 'tasks' | 'analytics';

const ALL: readonly StaffRole[] = ['owner', 'manager', 'cashier', 'analyst'];

const SETTINGS: Record<SettingsPage, readonly StaffRole[]> = {
  organization: ['owner'],
  outlets: ['owner'],
  staff: ['owner', 'manager'],
  apiKeys: ['owner'],
  audit: ['owner'],
  profile: ALL,
};

const AREAS: Record<Area, readonly StaffRole[]> = {
  customers: ALL,
  cards: ALL,
  checkout: ['owner', 'manager', 'cashier'],
  campaigns: ['owner', 'manager'],
  tasks: ['owner', 'manager'],
  analytics: ['owner', 'manager', 'analyst'],
};

export const SETTINGS_PAGES: readonly SettingsPage[] = ['organization', 'outlets', 'staff', 'apiKeys', 'audit', 'profile'];
export const AREA_ORDER: readonly Area[] = ['customers', 'cards', 'checkout', 'campaigns', 'tasks', 'analytics'];

export const SETTINGS_PATHS: Record<SettingsPage, string> = {
  organization: '/settings/organization',
  outlets: '/settings/outlets',
  staff: '/settings/staff',
  apiKeys: '/settings/api-keys',
  audit: '/settings/audit',
  profile: '/settings/profile',
};

export const canSee = (role: StaffRole, page: SettingsPage): boolean => SETTINGS[page].includes(role);
export const canUseArea = (role: StaffRole, area: Area): boolean => AREAS[area].includes(role);
export const canManageStaff = (role: StaffRole): boolean => role === 'owner';
/** Outlet and staff counts on the dashboard need the matching read rights. */
export const canReadStaff = (role: StaffRole): boolean => SETTINGS.staff.includes(role);
