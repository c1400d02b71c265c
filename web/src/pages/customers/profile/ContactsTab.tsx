// Phones, e-mails and postal addresses; the first of each is the main one.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Field } from '../../../components/Field';
import { FormActions } from '../common/FormActions';
import { useMe } from '../../../session';
import { canWrite } from '../common/can';
import { cleanList, ListInput } from '../common/ListInput';
import { useForm } from '../common/useForm';
import { useProfile } from './context';
import { EditButton, Row, Section } from './Section';

const FIELDS = ['phones', 'emails', 'addresses'] as const;

export function ContactsTab() {
  const { t } = useTranslation('customers');
  const me = useMe();
  const { customer: c, setCustomer, readOnly } = useProfile();
  const [editing, setEditing] = useState(false);
  const [phones, setPhones] = useState(c.phones);
  const [emails, setEmails] = useState(c.emails);
  const [addresses, setAddresses] = useState(c.addresses);
  const form = useForm(FIELDS);
  const editable = canWrite(me.staff.role) && !readOnly;

  const start = () => {
    setPhones(c.phones);
    setEmails(c.emails);
    setAddresses(c.addresses);
    form.reset();
    setEditing(true);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(async () => {
      setCustomer(await unwrap(api.PATCH('/api/customers/{id}', {
        params: { path: { id: c.id } },
        body: { phones: cleanList(phones), emails: cleanList(emails), addresses: cleanList(addresses) },
      })));
    });
    if (ok) setEditing(false);
  };
  const list = (values: string[], ltr: boolean) => values.length === 0 ? null : (
    <ul className="cust-values">
      {values.map((v, i) => (
        <li key={v}>{ltr ? <span dir="ltr">{v}</span> : <bdi>{v}</bdi>}{i === 0 && values.length > 1 && <span className="badge">{t('contacts.main')}</span>}</li>
      ))}
    </ul>
  );

  return (
    <Section title={t('profile.tabs.contacts')} intro={t('contacts.intro')} action={editable && !editing && <EditButton onClick={start} />}>
      {editing ? (
        <form className="form cust-form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <Field label={t('fields.phones')} error={form.fieldError('phones')} hint={t('form.phoneHint')}>
            <ListInput values={phones} onChange={setPhones} type="tel" dir="ltr" max={10} addLabel={t('form.addPhone')} />
          </Field>
          <Field label={t('fields.emails')} error={form.fieldError('emails')}>
            <ListInput values={emails} onChange={setEmails} type="email" dir="ltr" max={10} addLabel={t('form.addEmail')} />
          </Field>
          <Field label={t('fields.addresses')} error={form.fieldError('addresses')}>
            <ListInput values={addresses} onChange={setAddresses} max={5} addLabel={t('form.addAddress')} />
          </Field>
          <FormActions form={form} submitLabel={t('actions.save')} cancel={() => setEditing(false)} />
        </form>
      ) : (
        <dl className="cust-dl">
          <Row label={t('fields.phones')}>{list(c.phones, true)}</Row>
          <Row label={t('fields.emails')}>{list(c.emails, true)}</Row>
          <Row label={t('fields.addresses')}>{list(c.addresses, false)}</Row>
        </dl>
      )}
    </Section>
  );
}
