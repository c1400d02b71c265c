import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/client';
import { auditRows, isLanguageChange } from './audit';

let seq = 0;
function entry(details: Record<string, unknown>, over: Partial<AuditEntry> = {}): AuditEntry {
  seq += 1;
  return { id: `e${seq}`, action: 'staff.updated', entity: 'staff', entityId: 'anna', staffId: 'anna', apiKeyId: null, details, at: `2026-11-22T10:${String(60 - seq).padStart(2, '0')}:00Z`, ...over } as AuditEntry;
}
const lang = (locale: string | null, over: Partial<AuditEntry> = {}) => entry({ locale, passwordChanged: false }, over);

describe('audit log rows', () => {
  it('tells a language switch from other staff changes', () => {
    expect(isLanguageChange(lang('ru'))).toBe(true);
    expect(isLanguageChange(entry({ locale: 'ar' }))).toBe(true);
    expect(isLanguageChange(entry({ name: 'Anna', locale: 'ar', passwordChanged: false }))).toBe(false);
    expect(isLanguageChange(entry({ locale: 'ar', passwordChanged: true }))).toBe(false);
    expect(isLanguageChange(entry({ locale: 'ar' }, { action: 'organization.updated', entity: 'organization' }))).toBe(false);
  });

  it('folds a run of switches by one person into one row with the newest language', () => {
    const newest = lang('ar');
    const oldest = lang('en');
    const rows = auditRows([newest, lang('ru'), oldest, entry({ role: 'manager' }), lang('ru')], false);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({ entry: newest, languageRun: { count: 3, oldest } });
    expect(rows[1]?.languageRun).toBeUndefined();
    expect(rows[2]?.languageRun?.count).toBe(1);
  });

  it('keeps different people apart', () => {
    const rows = auditRows([lang('ar'), lang('ru', { staffId: 'boris', entityId: 'boris' }), lang('en')], false);
    expect(rows.map((r) => r.languageRun?.count)).toEqual([1, 1, 1]);
  });

  it('hides language switches on request', () => {
    const other = entry({ role: 'manager' });
    expect(auditRows([lang('ar'), other, lang('ru')], true)).toEqual([{ entry: other }]);
  });
});
