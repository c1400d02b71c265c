// The transforms a mapped column offers, as the server lists them for its field: the word order of a
// full name, filling the other script (transliterate or copy), stripping invalid characters, fixing
// capitals, and the file's own gender codes.
import { useTranslation } from 'react-i18next';
import type { ColumnRule, ImportSession } from '../common/types';

type Transform = ImportSession['transforms'][number];

interface Props {
  rule: ColumnRule;
  samples: string[];
  transforms: Transform[];
  onChange(rule: ColumnRule): void;
}

export function ColumnTransforms({ rule, samples, transforms, onChange }: Props) {
  const { t } = useTranslation('customers');
  const offered = new Set(transforms.filter((x) => x.scope === 'column' && x.fields.includes(rule.field)).map((x) => x.name));
  const set = (patch: Partial<ColumnRule>) => {
    const next = { ...rule, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (next as Record<string, unknown>)[k];
    onChange(next);
  };
  if (offered.size === 0) return null;
  const latin = rule.field.endsWith('Latin');
  return (
    <div className="cust-transforms">
      {offered.has('nameOrder') && (
        <label className="cust-transform">
          <span>{t('import.t.nameOrder')}</span>
          <select value={rule.nameOrder ?? 'family-given'} onChange={(e) => set({ nameOrder: e.target.value as ColumnRule['nameOrder'] })}>
            <option value="family-given">{t('import.t.familyGiven')}</option>
            <option value="given-family">{t('import.t.givenFamily')}</option>
          </select>
        </label>
      )}
      {offered.has('counterpart') && (
        <label className="cust-transform">
          <span>{latin ? t('import.t.counterpartNative') : t('import.t.counterpartLatin')}</span>
          <select value={rule.counterpart ?? ''} onChange={(e) => set({ counterpart: (e.target.value || undefined) as ColumnRule['counterpart'] })}>
            <option value="">{t('import.t.leave')}</option>
            <option value="transliterate">{latin ? t('import.t.toNative') : t('import.t.toLatin')}</option>
            {latin && <option value="copy">{t('import.t.copy')}</option>}
          </select>
        </label>
      )}
      {offered.has('stripInvalid') && (
        <label className="checkbox">
          <input type="checkbox" checked={rule.stripInvalid ?? false} onChange={(e) => set({ stripInvalid: e.target.checked || undefined })} />
          {t('import.t.stripInvalid')}
        </label>
      )}
      {offered.has('capitalize') && (
        <label className="checkbox">
          <input type="checkbox" checked={rule.capitalize ?? false} onChange={(e) => set({ capitalize: e.target.checked || undefined })} />
          {t('import.t.capitalize')}
        </label>
      )}
      {offered.has('genderValues') && samples.length > 0 && (
        <div className="cust-transform">
          <span>{t('import.t.genderValues')}</span>
          {samples.map((value) => (
            <label key={value} className="cust-gender-code">
              <code dir="auto">{value}</code>
              <select value={rule.genderValues?.[value] ?? ''} onChange={(e) => {
                const codes = { ...(rule.genderValues ?? {}) };
                if (e.target.value) codes[value] = e.target.value as 'male' | 'female';
                else delete codes[value];
                set({ genderValues: Object.keys(codes).length ? codes : undefined });
              }}>
                <option value="">{t('import.t.genderAuto')}</option>
                <option value="female">{t('genders.female')}</option>
                <option value="male">{t('genders.male')}</option>
              </select>
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
