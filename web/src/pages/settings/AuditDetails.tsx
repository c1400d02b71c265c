// The details of one audit entry in words: known fields and values translated, ids shown as names.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../components/useFormat';
import { currencyName, languageName } from '../../format';

const ENUM_FIELDS: Record<string, string> = { role: 'roles', kind: 'outlets.kinds' };
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function regionName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function AuditDetails({ details, names }: { details: Record<string, unknown>; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const show = (field: string, value: unknown): string => {
    // A staff member's language may be cleared: they then follow the organization's.
    if (field === 'locale' && value === null) return t('profile.organizationLanguage');
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'string') {
      const group = ENUM_FIELDS[field];
      if (group) return t(`${group}.${value}`, { defaultValue: value });
      if (ID.test(value)) return names.get(value) ?? value.slice(0, 8);
      if (field === 'locale') return languageName(value, locale);
      if (field === 'currency') return `${value} — ${currencyName(value, locale)}`;
      if (field === 'country') return regionName(value, locale);
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
