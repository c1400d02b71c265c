// What each role may do with customers, mirroring the server's grants (the server still decides).
import type { StaffRole } from '../../../api/client';

const SUPERVISORS: readonly StaffRole[] = ['owner', 'manager'];

/** Add and change customers, log interactions, record consent. */
export const canWrite = (role: StaffRole): boolean => role !== 'analyst';
/** See and change identity documents unmasked. */
export const canSeeDocuments = (role: StaffRole): boolean => SUPERVISORS.includes(role);
/** Import and export the customer base. */
export const canImport = (role: StaffRole): boolean => SUPERVISORS.includes(role);
/** Merge, undo merges, run the duplicate search, privacy export and erasure, define custom fields. */
export const canSupervise = (role: StaffRole): boolean => SUPERVISORS.includes(role);
