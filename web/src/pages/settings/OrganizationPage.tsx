// The organization's name, currency, time zone and default language (owner).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { useFormat } from '../../components/useFormat';
import { useSubmit } from '../../components/useSubmit';
import { formatMoney } from '../../format';
import { useMe, useSession } from '../../session';
import { CountryOptions, CurrencyOptions, LanguageOptions, TimeZoneOptions } from './options';

const FIELDS = ['name', 'currency', 'timeZone', 'locale', 'country'] as const;

export function OrganizationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { setMe } = useSession();
  const { locale } = useFormat();
  const org = me.organization;
  const [name, setName] = useState(org.name);
  const [currency, setCurrency] = useState(org.currency);
  const [timeZone, setTimeZone] = useState(org.timeZone);
  const [language, setLanguage] = useState(org.locale);
  const [country, setCountry] = useState(org.country ?? '');
  const [saved, setSaved] = useState(false);
  const submit = useSubmit(FIELDS);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const ok = await submit.run(async () => {
      const organization = await unwrap(api.PATCH('/api/organization', { body: { name, currency, timeZone, locale: language, country: country || null } }));
      setMe({ ...me, organization });
    });
    setSaved(ok);
  };

  return (
    <section className="card">
      <h2>{t('organization.title')}</h2>
      <p className="muted">{t('organization.intro')}</p>
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field label={t('organization.name')} error={submit.fieldError('name')}>
          <input dir="auto" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </Field>
        <Field label={t('organization.currency')} error={submit.fieldError('currency')} hint={t('organization.currencyHint', { example: formatMoney(123450, currency, locale) })}>
          <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
            <CurrencyOptions locale={locale} current={currency} />
          </select>
        </Field>
        <Field label={t('organization.timeZone')} error={submit.fieldError('timeZone')} hint={t('organization.timeZoneHint')}>
          <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            <TimeZoneOptions locale={locale} current={timeZone} />
          </select>
        </Field>
        <Field label={t('organization.country')} error={submit.fieldError('country')} hint={t('organization.countryHint')}>
          <select value={country} onChange={(e) => setCountry(e.target.value)}>
            <option value="">{t('organization.noCountry')}</option>
            <CountryOptions locale={locale} current={country || null} />
          </select>
        </Field>
        <Field label={t('organization.language')} error={submit.fieldError('locale')} hint={t('organization.languageHint')}>
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            <LanguageOptions locale={locale} current={language} />
          </select>
        </Field>
        {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
        {saved && <Alert kind="success">{t('common.saved')}</Alert>}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={submit.busy}>{t('common.save')}</button>
        </div>
      </form>
    </section>
  );
}
