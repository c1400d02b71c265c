// The first thing at the till: scan the card (a scanner types the digits and Enter), type a card
// number or a phone, or scan the QR code from the customer's own page. Digits are tried as a card
// first and then as a phone; the cashier can also say which it is.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useAreaError } from '../../components/useAreaError';
import { guessKind, type IdentifyAnswer } from './receipt';

type Mode = 'auto' | 'cardNumber' | 'phone' | 'qrToken';
const MODES: readonly Mode[] = ['auto', 'cardNumber', 'phone', 'qrToken'];

interface Props {
  onIdentified(answer: IdentifyAnswer, typed: { phone?: string }): void;
  onAnonymous(): void;
}

export function IdentifyStep({ onIdentified, onAnonymous }: Props) {
  const { t } = useTranslation('checkout');
  const areaError = useAreaError('checkout');
  const [text, setText] = useState('');
  const [mode, setMode] = useState<Mode>('auto');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => { input.current?.focus(); }, [mode]);

  const identify = async (kind: Exclude<Mode, 'auto'>, value: string) => {
    const body = kind === 'cardNumber' ? { cardNumber: value } : kind === 'phone' ? { phone: value } : { qrToken: value };
    return unwrap(api.POST('/api/checkout/identify', { body }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    setBusy(true);
    setError(null);
    const kind = mode === 'auto' ? guessKind(value) : mode;
    try {
      let answer: IdentifyAnswer;
      try {
        answer = await identify(kind, value);
      } catch (err) {
        // Digits that are no card may be a phone number typed without a plus.
        const digits = value.replace(/\D/g, '');
        if (mode === 'auto' && kind === 'cardNumber' && err instanceof ApiError && err.code === 'card_not_found' && digits.length >= 7 && digits.length <= 15) {
          try {
            answer = await identify('phone', value);
            onIdentified(answer, { phone: value });
            return;
          } catch {
            throw err;
          }
        }
        throw err;
      }
      onIdentified(answer, kind === 'phone' ? { phone: value } : {});
    } catch (err) {
      setError(areaError(err));
      input.current?.select();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card till-identify" data-testid="identify">
      <form onSubmit={(e) => void onSubmit(e)} className="till-identify__form">
        <label htmlFor="till-identify-input" className="till-identify__label">{t(`identify.label.${mode}`)}</label>
        <div className="till-identify__row">
          <input
            ref={input} id="till-identify-input" className="till-input till-input--big" dir={text ? 'ltr' : undefined} autoComplete="off" autoCapitalize="off" spellCheck={false}
            inputMode={mode === 'qrToken' ? 'text' : mode === 'phone' ? 'tel' : 'text'} value={text} onChange={(e) => setText(e.target.value)}
            placeholder={t(`identify.placeholder.${mode}`)} aria-describedby="till-identify-hint" data-testid="identify-input"
          />
          <button type="submit" className="button button--primary button--till" disabled={busy || !text.trim()}>{t('identify.find')}</button>
        </div>
        <p id="till-identify-hint" className="muted small">{t('identify.hint')}</p>
        <div className="segmented" role="radiogroup" aria-label={t('identify.by')}>
          {MODES.map((m) => (
            <button key={m} type="button" role="radio" aria-checked={mode === m} className={mode === m ? 'segmented__item segmented__item--on' : 'segmented__item'} onClick={() => setMode(m)}>
              {t(`identify.mode.${m}`)}
            </button>
          ))}
        </div>
      </form>
      {error && <Alert kind="error">{error}</Alert>}
      <div className="till-identify__anonymous">
        <button type="button" className="button button--ghost" onClick={onAnonymous}>{t('identify.anonymous')}</button>
      </div>
    </section>
  );
}
