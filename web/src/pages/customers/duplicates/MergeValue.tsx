// One field's value in the merge table, in the reader's words.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../components/useFormat';
import { languageName } from '../../../format';
import { formatDay } from '../common/format';
import { useStaff } from '../common/staff';

export function MergeValue({ field, value }: { field: string; value: string | string[] | null }) {
  const { t } = useTranslation('customers');
  const { locale } = useFormat();
  const staff = useStaff();
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return <span className="muted">{t('merge.empty')}</span>;
  if (Array.isArray(value)) return <bdi>{value.join(', ')}</bdi>;
  switch (field) {
    case 'birthDate': return <>{formatDay(value, locale)}</>;
    case 'gender': return <>{t(`genders.${value}`, { defaultValue: value })}</>;
    case 'preferredChannel': return <>{t(`channels.${value}`, { defaultValue: value })}</>;
    case 'preferredLanguage': return <>{languageName(value, locale)}</>;
    case 'managerId': return <bdi>{staff.name(value) ?? t('staff.unknown')}</bdi>;
    case 'familyNameLatin': case 'givenNamesLatin': case 'externalId': return <span dir="ltr">{value}</span>;
    default: return <bdi className="cust-pre">{value}</bdi>;
  }
}
