// Public surface of the tenancy module.
export { can, permissionsOf, STAFF_ROLES, type Actor, type ActorRole, type Permission, type StaffRole } from './domain/roles.js';
export { actorOf, SESSION_COOKIE, tenancyRoutes, type TenancyRouteSettings } from './routes.js';
export { actorFromApiKey, actorFromSession, login, type AuthSettings } from './auth.js';
export {
  audit, countOrganizations, createApiKey, createMerchant, createOrganization, createOutlet, createStaff, getOrganization,
  listApiKeys, listMerchants, listOutlets, listStaff, requirePermission, staffEmailExists, updateOrganization, updateOutlet, updateStaff,
  type NewOrganization, type OutletKind,
} from './service.js';
export { tenancyJobs } from './jobs.js';
export { generatePassword } from './secrets.js';
