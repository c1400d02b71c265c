// The name part of a profile form: a company name, or a person's names as written in their own script
// and in Latin letters (as in a passport).
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import type { FormState } from './useForm';
import type { CustomerKind } from './types';

export interface Names {
  familyName: string;
  givenNames: string;
  patronymic: string;
  familyNameLatin: string;
  givenNamesLatin: string;
  companyName: string;
}

export const NAME_FIELDS = ['familyName', 'givenNames', 'patronymic', 'familyNameLatin', 'givenNamesLatin', 'companyName'] as const;

export function namesOf(c: Partial<Record<keyof Names, string | null>> | null): Names {
  return {
    familyName: c?.familyName ?? '', givenNames: c?.givenNames ?? '', patronymic: c?.patronymic ?? '',
    familyNameLatin: c?.familyNameLatin ?? '', givenNamesLatin: c?.givenNamesLatin ?? '', companyName: c?.companyName ?? '',
  };
}

/** Empty strings become null, so a cleared name is removed rather than stored as "". */
export function namesBody(names: Names, kind: CustomerKind) {
  const v = (s: string) => (s.trim() === '' ? null : s.trim());
  if (kind === 'company') return { companyName: v(names.companyName) };
  return {
    familyName: v(names.familyName), givenNames: v(names.givenNames), patronymic: v(names.patronymic),
    familyNameLatin: v(names.familyNameLatin), givenNamesLatin: v(names.givenNamesLatin),
    companyName: null,
  };
}

interface NameFieldsProps {
  kind: CustomerKind;
  names: Names;
  onChange(names: Names): void;
  form: FormState;
  autoFocus?: boolean;
}

export function NameFields({ kind, names, onChange, form, autoFocus }: NameFieldsProps) {
  const { t } = useTranslation('customers');
  const input = (key: keyof Names, focus = false, dir: 'auto' | 'ltr' = 'auto') => (
    <input dir={dir} value={names[key]} onChange={(e) => onChange({ ...names, [key]: e.target.value })} maxLength={key === 'companyName' ? 300 : 200} autoFocus={focus} />
  );
  if (kind === 'company') {
    return (
      <Field label={t('fields.companyName')} error={form.fieldError('companyName')} hint={t('form.companyContactHint')}>{input('companyName', autoFocus)}</Field>
    );
  }
  return (
    <>
      <fieldset className="form__grid cust-names">
        <legend>{t('form.namesNative')}</legend>
        <Field label={t('fields.familyName')} error={form.fieldError('familyName')}>{input('familyName', autoFocus)}</Field>
        <Field label={t('fields.givenNames')} error={form.fieldError('givenNames')}>{input('givenNames')}</Field>
        <Field label={t('fields.patronymic')} error={form.fieldError('patronymic')} hint={t('form.patronymicHint')}>{input('patronymic')}</Field>
      </fieldset>
      <fieldset className="form__grid cust-names">
        <legend>{t('form.namesLatin')}</legend>
        <Field label={t('fields.familyNameLatin')} error={form.fieldError('familyNameLatin')}>{input('familyNameLatin', false, 'ltr')}</Field>
        <Field label={t('fields.givenNamesLatin')} error={form.fieldError('givenNamesLatin')}>{input('givenNamesLatin', false, 'ltr')}</Field>
      </fieldset>
    </>
  );
}
