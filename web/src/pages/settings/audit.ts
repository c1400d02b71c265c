// Rows of the audit log page. Staff switch their interface language often (one entry per switch), so a
// run of such switches by the same person shows as one row with the language they ended on.
import type { AuditEntry } from '../../api/client';

/** A staff member's change of nothing but their interface language (from the header or the profile). */
export function isLanguageChange(e: AuditEntry): boolean {
  if (e.action !== 'staff.updated' || !('locale' in e.details)) return false;
  return Object.entries(e.details).every(([k, v]) => k === 'locale' || (k === 'passwordChanged' && v === false));
}

export interface AuditRow {
  entry: AuditEntry;
  /** For a run of language changes: how many, and the oldest one (`entry` is the newest). */
  languageRun?: { count: number; oldest: AuditEntry };
}

/** Rows to show, newest first: consecutive language changes by the same person for the same account fold into one. */
export function auditRows(entries: readonly AuditEntry[], hideLanguage: boolean): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const e of entries) {
    if (!isLanguageChange(e)) {
      rows.push({ entry: e });
      continue;
    }
    if (hideLanguage) continue;
    const last = rows[rows.length - 1];
    if (last?.languageRun && last.entry.staffId === e.staffId && last.entry.entityId === e.entityId) {
      last.languageRun = { count: last.languageRun.count + 1, oldest: e };
    } else {
      rows.push({ entry: e, languageRun: { count: 1, oldest: e } });
    }
  }
  return rows;
}
