// Log in with e-mail and password. Wrong credentials, too many attempts and an unreachable server
// each get their own plain message.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { LanguageSwitcher } from '../../layout/LanguageSwitcher';
import { useSession } from '../../session';

const FIELDS = ['email', 'password'] as const;

export function LoginPage() {
  const { t } = useTranslation();
  const { status, setMe } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = useSubmit(FIELDS);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (status === 'ready') return <Navigate to={from} replace />;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      const me = await unwrap(api.POST('/api/auth/login', { body: { email: email.trim(), password } }));
      setMe(me);
      navigate(from, { replace: true });
    });
  };

  return (
    <div className="login">
      <div className="login__lang"><LanguageSwitcher /></div>
      <form className="card login__card" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">R</span>
          <span className="brand__name">{t('app.name')}</span>
        </div>
        <h1 className="login__title">{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
        <Field label={t('login.email')} error={submit.fieldError('email')}>
          <input type="email" name="email" autoComplete="username" inputMode="email" dir="ltr" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        </Field>
        <Field label={t('login.password')} error={submit.fieldError('password')}>
          <input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </Field>
        <button type="submit" className="button button--primary button--block" disabled={submit.busy}>
          {submit.busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}
