// The SMS step when the program asks for it (before spending points, or before a personal discount
// given by phone number): a code goes to the customer's phone, the customer tells it to the cashier,
// and the verified challenge goes with the confirmation. The cashier never sees the code.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useAreaError } from '../../components/useAreaError';
import { useFormat } from '../../components/useFormat';

interface Props {
  customerId: string;
  purpose: 'spend_points' | 'phone_discount';
  verifiedId: string | null;
  onVerified(challengeId: string): void;
}

export function SmsStep({ customerId, purpose, verifiedId, onVerified }: Props) {
  const { t } = useTranslation('checkout');
  const fmt = useFormat();
  const areaError = useAreaError('checkout');
  const [challenge, setChallenge] = useState<{ challengeId: string; phone: string; expiresAt: string } | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      setChallenge(await unwrap(api.POST('/api/checkout/sms-code', { body: { customerId, purpose } })));
      setCode('');
      window.requestAnimationFrame(() => codeInput.current?.focus());
    } catch (e) {
      setError(areaError(e));
    } finally {
      setBusy(false);
    }
  };
  const verify = async (e: FormEvent) => {
    e.preventDefault();
    if (!challenge) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await unwrap(api.POST('/api/checkout/sms-code/verify', { body: { challengeId: challenge.challengeId, code: code.trim() } }));
      if (answer.verified) onVerified(answer.challengeId);
      else setError(t('sms.wrong'));
    } catch (err) {
      setError(areaError(err));
      codeInput.current?.select();
    } finally {
      setBusy(false);
    }
  };

  if (verifiedId) return <Alert kind="success">{t('sms.verified')}</Alert>;
  return (
    <section className="till-sms" aria-label={t('sms.title')} data-testid="sms-step">
      <h3>{t('sms.title')}</h3>
      <p className="muted">{t(`sms.why.${purpose}`)}</p>
      {!challenge ? (
        <button type="button" className="button button--primary button--till" disabled={busy} onClick={() => void send()}>{t('sms.send')}</button>
      ) : (
        <form className="till-sms__form" onSubmit={(e) => void verify(e)}>
          <p>{t('sms.sent', { phone: challenge.phone, time: fmt.time(challenge.expiresAt) })}</p>
          <div className="till-identify__row">
            <input ref={codeInput} className="till-input till-input--big" inputMode="numeric" autoComplete="one-time-code" dir="ltr" value={code} onChange={(e) => setCode(e.target.value)} aria-label={t('sms.code')} placeholder={t('sms.code')} />
            <button type="submit" className="button button--primary button--till" disabled={busy || code.trim().length < 4}>{t('sms.verify')}</button>
          </div>
          <button type="button" className="link-button" disabled={busy} onClick={() => void send()}>{t('sms.resend')}</button>
        </form>
      )}
      {error && <Alert kind="error">{error}</Alert>}
    </section>
  );
}
