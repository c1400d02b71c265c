// My profile, for every role: my name, my language, my password.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { useFormat } from '../../components/useFormat';
import { useSubmit } from '../../components/useSubmit';
import { useMe, useSession } from '../../session';
import { LanguageOptions } from './options';
import { MIN_PASSWORD_LENGTH } from './password';

const PROFILE_FIELDS = ['name', 'locale'] as const;
const PASSWORD_FIELDS = ['password', 'confirm'] as const;

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { setMe } = useSession();
  const { locale } = useFormat();
  const [name, setName] = useState(me.staff.name);
  const [language, setLanguage] = useState(me.staff.locale ?? '');
  const [saved, setSaved] = useState(false);
  const profile = useSubmit(PROFILE_FIELDS);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [passwordSaved, setPasswordSaved] = useState(false);
  const secret = useSubmit(PASSWORD_FIELDS);

  const saveProfile = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setSaved(await profile.run(async () => {
      const staff = await unwrap(api.PATCH('/api/staff/{id}', { params: { path: { id: me.staff.id } }, body: { name, locale: language || null } }));
      setMe({ ...me, staff }); // also switches to the language this makes mine
    }));
  };

  const savePassword = async (e: FormEvent) => {
    e.preventDefault();
    setPasswordSaved(false);
    if (password !== confirm) {
      secret.reset();
      secret.setFieldError('confirm', t('profile.mismatch'));
      return;
    }
    if (password.length < MIN_PASSWORD_LENGTH) {
      secret.reset();
      secret.setFieldError('password', t('issues.minLength', { count: MIN_PASSWORD_LENGTH }));
      return;
    }
    const ok = await secret.run(async () => {
      await unwrap(api.PATCH('/api/staff/{id}', { params: { path: { id: me.staff.id } }, body: { password } }));
    });
    if (ok) {
      setPassword('');
      setConfirm('');
    }
    setPasswordSaved(ok);
  };

  return (
    <>
      <section className="card">
        <h2>{t('profile.title')}</h2>
        <p className="muted">{t('profile.intro', { email: me.staff.email, role: t(`roles.${me.staff.role}`) })}</p>
        <form className="form" onSubmit={(e) => void saveProfile(e)} noValidate>
          <Field label={t('profile.name')} error={profile.fieldError('name')}>
            <input dir="auto" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoComplete="name" />
          </Field>
          <Field label={t('profile.language')} error={profile.fieldError('locale')}>
            <select value={language} onChange={(e) => setLanguage(e.target.value)}>
              <option value="">{t('profile.organizationLanguage')}</option>
              <LanguageOptions locale={locale} current={me.staff.locale} />
            </select>
          </Field>
          {profile.formError && <Alert kind="error">{profile.formError}</Alert>}
          {saved && <Alert kind="success">{t('common.saved')}</Alert>}
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={profile.busy}>{t('common.save')}</button>
          </div>
        </form>
      </section>
      <section className="card">
        <h2>{t('profile.passwordTitle')}</h2>
        <form className="form" onSubmit={(e) => void savePassword(e)} noValidate>
          <input type="email" autoComplete="username" value={me.staff.email} readOnly hidden />
          <Field label={t('profile.newPassword')} error={secret.fieldError('password')} hint={t('profile.passwordHint')}>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
          </Field>
          <Field label={t('profile.confirmPassword')} error={secret.fieldError('confirm')}>
            <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" />
          </Field>
          {secret.formError && <Alert kind="error">{secret.formError}</Alert>}
          {passwordSaved && <Alert kind="success">{t('profile.passwordChanged')}</Alert>}
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={secret.busy}>{t('profile.changePassword')}</button>
          </div>
        </form>
      </section>
    </>
  );
}
