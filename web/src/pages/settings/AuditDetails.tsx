// The details of one audit entry in words: known fields and values translated, ids shown as names.
import { useTranslation } from 'react-i18next';

const ENUM_FIELDS: Record<string, string> = { role: 'roles', kind: 'outlets.kinds' };
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function AuditDetails({ details, names }: { details: Record<string, unknown>; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'string') {
      const group = ENUM_FIELDS[field];
      if (group) return t(`${group}.${value}`, { defaultValue: value });
      if (ID.test(value)) return names.get(value) ?? value.slice(0, 8);
      return value;
    }
    return JSON.stringify(value);
  };
  const entries = Object.entries(details);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="details">
      {entries.map(([field, value]) => (
        <div key={field}>
          <dt>{t(`audit.fields.${field}`, { defaultValue: field })}</dt>
          <dd><bdi>{show(field, value)}</bdi></dd>
        </div>
      ))}
    </dl>
  );
}
