// Consent per channel: where it stands now, recording it given or withdrawn (how and when), and its history.
// Nothing in Regulars messages a customer on a channel without it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { Field } from '../../../components/Field';
import { useFormat } from '../../../components/useFormat';
import { useMe } from '../../../session';
import { canWrite } from '../common/can';
import { zonedNow, zonedToIso } from '../common/format';
import { useStaff } from '../common/staff';
import { CHANNELS, type Channel } from '../common/types';
import { useForm } from '../common/useForm';
import { useProfile } from './context';
import { Section } from './Section';

const SOURCES = ['paperForm', 'web', 'till', 'phoneCall', 'email', 'messenger'] as const;
const FIELDS = ['channels', 'granted', 'source', 'note', 'at'] as const;

export function ConsentTab() {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const me = useMe();
  const staff = useStaff();
  const { customer, consent, setConsent, readOnly } = useProfile();
  const [channels, setChannels] = useState<Channel[]>([]);
  const [granted, setGranted] = useState(true);
  const [source, setSource] = useState('');
  const [note, setNote] = useState('');
  const [at, setAt] = useState('');
  const [saved, setSaved] = useState(false);
  const form = useForm(FIELDS);
  const editable = canWrite(me.staff.role) && !readOnly;
  const current = new Map((consent?.current ?? []).map((c) => [c.channel, c]));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (channels.length === 0) {
      form.setFieldError('channels', t('consent.chooseChannel'));
      return;
    }
    const when = at ? zonedToIso(at, me.organization.timeZone) : null;
    const ok = await form.run(async () => {
      setConsent(await unwrap(api.POST('/api/customers/{id}/consents', {
        params: { path: { id: customer.id } },
        body: { channels, granted, source: source.trim(), note: note.trim() || null, ...(when && { at: when }) },
      })));
    });
    if (ok) {
      setSaved(true);
      setChannels([]);
      setNote('');
      setAt('');
    }
  };

  return (
    <>
      <Section title={t('profile.tabs.consent')} intro={t('consent.intro')} testId="consent">
        <div className="table-wrap">
          <table className="table">
            <thead><tr><th>{t('consent.channel')}</th><th>{t('consent.state')}</th><th>{t('consent.since')}</th><th>{t('consent.source')}</th></tr></thead>
            <tbody>
              {CHANNELS.map((ch) => {
                const c = current.get(ch);
                return (
                  <tr key={ch}>
                    <td>{t(`channels.${ch}`)}</td>
                    <td>{c?.granted ? <span className="badge badge--ok">{t('consent.given')}</span> : c?.at ? <span className="badge badge--danger">{t('consent.withdrawn')}</span> : <span className="badge">{t('consent.never')}</span>}</td>
                    <td className="nowrap">{c?.at ? fmt.dateTime(c.at) : '—'}</td>
                    <td>{c?.source ? <bdi>{c.source}</bdi> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Section>
      {editable && (
        <Section title={t('consent.recordTitle')} intro={t('consent.recordIntro')}>
          <form className="form cust-form" onSubmit={(e) => void onSubmit(e)} noValidate>
            <fieldset className="cust-seg" aria-label={t('consent.what')}>
              {[true, false].map((g) => (
                <label key={String(g)} className={granted === g ? 'cust-seg__option cust-seg__option--on' : 'cust-seg__option'}>
                  <input type="radio" name="granted" checked={granted === g} onChange={() => setGranted(g)} />
                  {g ? t('consent.give') : t('consent.withdraw')}
                </label>
              ))}
            </fieldset>
            <Field label={t('consent.channels')} error={form.fieldError('channels')}>
              <div className="cust-checks" role="group">
                {CHANNELS.map((ch) => (
                  <label key={ch} className="checkbox">
                    <input type="checkbox" checked={channels.includes(ch)} onChange={(e) => setChannels((list) => e.target.checked ? [...list, ch] : list.filter((x) => x !== ch))} />
                    {t(`channels.${ch}`)}
                  </label>
                ))}
              </div>
            </Field>
            <div className="form__grid">
              <Field label={t('consent.source')} error={form.fieldError('source')} hint={t('consent.sourceHint')}>
                <input dir="auto" list="consent-sources" value={source} onChange={(e) => setSource(e.target.value)} maxLength={200} />
              </Field>
              <Field label={t('consent.at')} error={form.fieldError('at')} hint={t('consent.atHint')}>
                <input type="datetime-local" value={at} max={zonedNow(me.organization.timeZone)} onChange={(e) => setAt(e.target.value)} />
              </Field>
            </div>
            <datalist id="consent-sources">{SOURCES.map((s) => <option key={s} value={t(`consent.sources.${s}`)} />)}</datalist>
            <Field label={t('consent.note')} error={form.fieldError('note')}>
              <input dir="auto" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
            </Field>
            {form.formError && <Alert kind="error">{form.formError}</Alert>}
            {saved && <Alert kind="success">{t('consent.recorded')}</Alert>}
            <div className="actions">
              <button type="submit" className={granted ? 'button button--primary' : 'button button--danger'} disabled={form.busy}>{granted ? t('consent.giveSubmit') : t('consent.withdrawSubmit')}</button>
            </div>
          </form>
        </Section>
      )}
      {consent && consent.history.length > 0 && (
        <Section title={t('consent.history')}>
          <div className="table-wrap">
            <table className="table table--compact">
              <thead><tr><th>{t('consent.at')}</th><th>{t('consent.channel')}</th><th>{t('consent.state')}</th><th>{t('consent.source')}</th><th>{t('consent.by')}</th></tr></thead>
              <tbody>
                {consent.history.map((h) => (
                  <tr key={h.id}>
                    <td className="nowrap">{fmt.dateTime(h.at)}</td>
                    <td>{t(`channels.${h.channel}`)}</td>
                    <td>{h.granted ? t('consent.given') : t('consent.withdrawn')}</td>
                    <td><bdi>{h.source}</bdi>{h.note && <div className="muted small"><bdi>{h.note}</bdi></div>}</td>
                    <td>{h.staffId ? <bdi>{staff.name(h.staffId) ?? t('staff.unknown')}</bdi> : h.apiKeyId ? t('staff.apiKey') : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}
    </>
  );
}
