// The owner's forms for staff accounts: add one, change role and status, set a new password.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, STAFF_ROLES, unwrap, type Staff, type StaffRole } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { useFormat } from '../../components/useFormat';
import { useSubmit } from '../../components/useSubmit';
import { LanguageOptions } from './options';
import { randomPassword } from './password';

/** Field passes its id and aria attributes; they go onto the real control so the label points at it. */
type ControlProps = { id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };

function RoleSelect({ value, onChange, ...control }: ControlProps & { value: StaffRole; onChange(role: StaffRole): void }) {
  const { t } = useTranslation();
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value as StaffRole)}>
      {STAFF_ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
    </select>
  );
}

function PasswordInput({ value, onChange, ...control }: ControlProps & { value: string; onChange(v: string): void }) {
  const { t } = useTranslation();
  return (
    <div className="input-with-button">
      <input {...control} type="text" value={value} onChange={(e) => onChange(e.target.value)} autoComplete="new-password" dir="ltr" spellCheck={false} />
      <button type="button" className="button" onClick={() => onChange(randomPassword())}>{t('staff.generate')}</button>
    </div>
  );
}

const NEW_FIELDS = ['email', 'name', 'role', 'password', 'locale'] as const;

export function NewStaffForm({ onDone }: { onDone(saved: Staff | null): void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('cashier');
  const [password, setPassword] = useState(randomPassword);
  const [language, setLanguage] = useState('');
  const submit = useSubmit(NEW_FIELDS);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      onDone(await unwrap(api.POST('/api/staff', { body: { email: email.trim(), name, role, password, locale: language || null } })));
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3>{t('staff.addTitle')}</h3>
      <div className="form__grid">
        <Field label={t('staff.name')} error={submit.fieldError('name')}>
          <input dir="auto" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
        </Field>
        <Field label={t('staff.email')} error={submit.fieldError('email')}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} dir="ltr" autoComplete="off" />
        </Field>
        <Field label={t('staff.role')} error={submit.fieldError('role')} hint={t(`roles.descriptions.${role}`)}>
          <RoleSelect value={role} onChange={setRole} />
        </Field>
        <Field label={t('staff.language')} error={submit.fieldError('locale')}>
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="">{t('staff.organizationLanguage')}</option>
            <LanguageOptions locale={locale} />
          </select>
        </Field>
      </div>
      <Field label={t('staff.password')} error={submit.fieldError('password')} hint={t('staff.passwordHint')}>
        <PasswordInput value={password} onChange={setPassword} />
      </Field>
      {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={submit.busy}>{t('staff.add')}</button>
        <button type="button" className="button" onClick={() => onDone(null)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

const EDIT_FIELDS = ['name', 'role', 'active'] as const;

export function EditStaffForm({ member, onDone }: { member: Staff; onDone(saved: Staff | null): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(member.name);
  const [role, setRole] = useState<StaffRole>(member.role);
  const [active, setActive] = useState(member.active);
  const submit = useSubmit(EDIT_FIELDS);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      onDone(await unwrap(api.PATCH('/api/staff/{id}', { params: { path: { id: member.id } }, body: { name, role, active } })));
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3>{t('staff.editTitle', { name: member.name })}</h3>
      <div className="form__grid">
        <Field label={t('staff.name')} error={submit.fieldError('name')}>
          <input dir="auto" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
        </Field>
        <Field label={t('staff.role')} error={submit.fieldError('role')} hint={t(`roles.descriptions.${role}`)}>
          <RoleSelect value={role} onChange={setRole} />
        </Field>
      </div>
      <div className={submit.fieldError('active') ? 'field field--invalid' : 'field'}>
        <label className="checkbox">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          {t('staff.activeLabel')}
        </label>
        {submit.fieldError('active') && <small className="field__error" role="alert">{submit.fieldError('active')}</small>}
      </div>
      {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={submit.busy}>{t('common.save')}</button>
        <button type="button" className="button" onClick={() => onDone(null)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

const PASSWORD_FIELDS = ['password'] as const;

export function ResetPasswordForm({ member, onDone }: { member: Staff; onDone(saved: Staff | null): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState(randomPassword);
  const submit = useSubmit(PASSWORD_FIELDS);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      onDone(await unwrap(api.PATCH('/api/staff/{id}', { params: { path: { id: member.id } }, body: { password } })));
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3>{t('staff.resetTitle', { name: member.name })}</h3>
      <p className="muted">{t('staff.resetIntro')}</p>
      <Field label={t('staff.newPassword')} error={submit.fieldError('password')} hint={t('staff.passwordHint')}>
        <PasswordInput value={password} onChange={setPassword} />
      </Field>
      {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={submit.busy}>{t('staff.setPassword')}</button>
        <button type="button" className="button" onClick={() => onDone(null)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
