// The cashier screen: identify the customer, build the receipt, calculate (nothing is written), confirm
// with a receipt id made here, then refund or cancel if needed. Made for a tablet at the till: large
// controls, and a keyboard-first flow (a scanner types digits and Enter; Ctrl+Enter calculates, then
// confirms). A confirmation whose answer is lost is sent again with the same id and the same body, so
// it can never be counted twice.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Alert } from '../../components/Alert';
import { LoadState } from '../../components/LoadState';
import { parseInteger } from '../../components/decimal';
import { useAreaError } from '../../components/useAreaError';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { currencyDigits } from '../../format';
import { isolate } from '../../bidi';
import { useMe } from '../../session';
import { CalculationView } from './CalculationView';
import { CustomerPanel } from './CustomerPanel';
import { DoneView } from './DoneView';
import { IdentifyStep } from './IdentifyStep';
import { isRetryable, withRetry } from './idempotent';
import { LinesEditor } from './LinesEditor';
import { customerRefOf, newLine, readLines, type CalculateAnswer, type ConfirmAnswer, type ConfirmBody, type IdentifyAnswer, type LineDraft, type LineProblems } from './receipt';
import { SmsStep } from './SmsStep';

const OUTLET_KEY = 'regulars.till.outlet';

interface Who { identified: IdentifyAnswer | null; typed: { phone?: string }; anonymous: boolean }
const NOBODY: Who = { identified: null, typed: {}, anonymous: false };

/** A confirmation on its way: its id and exact body stay fixed until the server answers. */
interface Sending { receiptId: string; body: ConfirmBody; key: string; attempts: number; lost: boolean }

export function CheckoutPage() {
  const { t } = useTranslation('checkout');
  const outlets = useLoad(useCallback(async () => (await unwrap(api.GET('/api/outlets'))).items.filter((o) => o.active), []));
  const [outletId, setOutletId] = useState<string>(() => readStored());
  const [till, setTill] = useState(0);

  const chooseOutlet = (id: string) => {
    setOutletId(id);
    try { localStorage.setItem(OUTLET_KEY, id); } catch { /* remembered for this page only */ }
  };

  return (
    <div className="page page--till" data-testid="checkout">
      <header className="page__header till-header">
        <h1>{t('title')}</h1>
        {outlets.data && outlets.data.length > 0 && (
          <div className="till-outlet">
            <label htmlFor="till-outlet">{t('outlet')}</label>
            <select id="till-outlet" value={outletId} onChange={(e) => chooseOutlet(e.target.value)}>
              <option value="">{t('noOutlet')}</option>
              {outlets.data.map((o) => <option key={o.id} value={o.id}>{isolate(o.name)}</option>)}
            </select>
          </div>
        )}
      </header>
      {outlets.error ? <LoadState loading={false} error={outlets.error} onRetry={outlets.reload} /> : null}
      <Till key={till} outletId={outletId && outlets.data?.some((o) => o.id === outletId) ? outletId : null} onNext={() => setTill((n) => n + 1)} />
    </div>
  );
}

function readStored(): string {
  try { return localStorage.getItem(OUTLET_KEY) ?? ''; } catch { return ''; }
}

/** One customer's visit to the till; a new key starts the next one from scratch. */
function Till({ outletId, onNext }: { outletId: string | null; onNext(): void }) {
  const { t } = useTranslation('checkout');
  const fmt = useFormat();
  const { organization } = useMe();
  const areaError = useAreaError('checkout');
  const digits = currencyDigits(organization.currency);
  const [who, setWho] = useState<Who>(NOBODY);
  const [lines, setLines] = useState<LineDraft[]>(() => [newLine()]);
  const [pointsText, setPointsText] = useState('');
  const [problems, setProblems] = useState<LineProblems>({});
  const [pointsProblem, setPointsProblem] = useState<string | null>(null);
  const [calc, setCalc] = useState<{ answer: CalculateAnswer; key: string } | null>(null);
  const [busy, setBusy] = useState<'calculate' | 'confirm' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState<Sending | null>(null);
  const [confirmed, setConfirmed] = useState<ConfirmAnswer | null>(null);
  const [smsChallenge, setSmsChallenge] = useState<string | null>(null);
  const [balanceAfter, setBalanceAfter] = useState<{ spendable: number; pending: number } | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const firstSku = useRef<HTMLElement>(null);

  const identified = who.identified;
  const locked = sending !== null || confirmed !== null;
  const symbol = useMemo(() => currencySymbol(organization.currency, fmt.locale), [organization.currency, fmt.locale]);

  /** The calculate body for what is on the screen now, or the problems that stop it. */
  const request = () => {
    const read = readLines(lines, digits);
    const points = pointsText.trim() ? parseInteger(pointsText) : 0;
    const body = {
      ...(identified ? { programId: identified.programId } : {}),
      customer: identified ? customerRefOf(identified, who.typed) : null,
      lines: read.lines,
      ...(points ? { pointsToSpend: points } : {}),
    };
    return { body, key: JSON.stringify(body), problems: read.problems, pointsOk: points !== null };
  };
  const current = request();
  const fresh = calc !== null && calc.key === current.key;

  const focusLines = () => window.requestAnimationFrame(() => firstSku.current?.querySelector<HTMLInputElement>('[data-row="0"][data-col="sku"]')?.focus());

  const calculate = async () => {
    const r = request();
    setProblems(r.problems);
    setPointsProblem(r.pointsOk ? null : t('points.invalid'));
    setError(null);
    if (Object.keys(r.problems).length > 0 || !r.pointsOk) return;
    if (r.body.lines.length === 0) {
      setError(t('lines.empty'));
      focusLines();
      return;
    }
    setBusy('calculate');
    try {
      const answer = await unwrap(api.POST('/api/checkout/calculate', { body: r.body }));
      setCalc({ answer, key: r.key });
    } catch (e) {
      setError(areaError(e));
    } finally {
      setBusy(null);
    }
  };

  const smsNeeded = fresh && calc.answer.receipt.smsCodeRequired && !smsChallenge;

  const confirm = async (retry?: Sending) => {
    if (!retry && (!fresh || smsNeeded)) return;
    const attempt: Sending = retry ?? (() => {
      const receiptId = crypto.randomUUID();
      const body: ConfirmBody = { ...current.body, receiptId, ...(outletId ? { outletId } : {}), ...(smsChallenge ? { smsChallengeId: smsChallenge } : {}) };
      return { receiptId, body, key: current.key, attempts: 0, lost: false };
    })();
    setSending({ ...attempt, lost: false });
    setBusy('confirm');
    setError(null);
    try {
      const answer = await withRetry(
        () => unwrap(api.POST('/api/checkout/confirm', { body: attempt.body })),
        (n) => setSending({ ...attempt, attempts: n, lost: false }),
      );
      setConfirmed(answer);
      setSending(null);
    } catch (e) {
      if (isRetryable(e)) {
        // The receipt may or may not be recorded: keep the id and the body, and let the cashier retry.
        setSending({ ...attempt, lost: true });
        setError(t('confirm.lost'));
      } else {
        setSending(null);
        setError(areaError(e));
      }
    } finally {
      setBusy(null);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !confirmed) {
      e.preventDefault();
      if (sending?.lost) void confirm(sending);
      else if (fresh && !smsNeeded) void confirm();
      else if (!fresh) void calculate();
    }
  };

  useEffect(() => {
    if (who.identified || who.anonymous) focusLines();
  }, [who]);

  // A new calculation brings the total and Confirm into view and puts the focus there: Enter confirms.
  useEffect(() => {
    if (!calc) return;
    confirmButton.current?.scrollIntoView({ block: 'end' });
    confirmButton.current?.focus({ preventScroll: true });
  }, [calc]);

  if (!who.identified && !who.anonymous) {
    return <IdentifyStep onIdentified={(identified, typed) => setWho({ identified, typed, anonymous: false })} onAnonymous={() => setWho({ ...NOBODY, anonymous: true })} />;
  }

  const tierNames = identified?.tier ? { [identified.tier.code]: identified.tier.name } : {};
  const spendable = identified?.points?.spendable ?? 0;
  const changeCustomer = () => { setWho(NOBODY); setCalc(null); setSmsChallenge(null); };

  if (confirmed) {
    return (
      <div className="till-grid">
        <div className="till-main"><DoneView confirmed={confirmed} tierNames={tierNames} onNext={onNext} onBalance={setBalanceAfter} /></div>
        <aside className="till-side"><CustomerPanel identified={identified} pointsAfter={balanceAfter ?? confirmed.customer?.points ?? null} onChange={changeCustomer} locked /></aside>
      </div>
    );
  }

  return (
    <div className="till-grid" onKeyDown={onKeyDown}>
      <div className="till-main">
        <section className="card" aria-label={t('lines.title')} ref={firstSku}>
          <div className="card__header">
            <h2>{t('lines.title')}</h2>
            <p className="muted small till-keys">{t('keys')}</p>
          </div>
          <LinesEditor lines={lines} problems={problems} locked={locked} currencySymbol={symbol} onChange={(next) => { setLines(next); setProblems({}); }} />
          {identified?.points && (
            <div className="till-points">
              <label htmlFor="till-points">{t('points.label')}</label>
              <div className="till-identify__row">
                <input
                  id="till-points" className={`till-input till-input--num${pointsProblem ? ' till-input--invalid' : ''}`} inputMode="numeric" dir="ltr" value={pointsText} disabled={locked}
                  onChange={(e) => { setPointsText(e.target.value); setPointsProblem(null); }}
                  onKeyDown={(e) => { if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) { e.preventDefault(); void calculate(); } }}
                  placeholder="0" data-testid="points-to-spend"
                />
                <button type="button" className="button button--till-secondary" disabled={locked || spendable <= 0}
                  onClick={() => setPointsText(String(fresh ? calc.answer.receipt.totals.maxSpendablePoints : spendable))}>{t('points.max')}</button>
              </div>
              <small className={pointsProblem ? 'field__error' : 'muted'}>
                {pointsProblem ?? (fresh ? t('points.maxHere', { max: fmt.number(calc.answer.receipt.totals.maxSpendablePoints) }) : t('points.available', { points: fmt.number(spendable) }))}
              </small>
            </div>
          )}
          <div className="actions till-actions">
            <button type="button" className={`button button--till ${fresh ? '' : 'button--primary'}`} disabled={busy !== null || locked} onClick={() => void calculate()} data-testid="calculate">
              {busy === 'calculate' ? t('calc.calculating') : t('calc.calculate')}
            </button>
          </div>
        </section>
        {error && (
          <Alert kind="error">
            {error}{' '}
            {sending?.lost && <button type="button" className="link-button" onClick={() => void confirm(sending)} disabled={busy !== null}>{t('confirm.retrySame')}</button>}
          </Alert>
        )}
        {calc && (
          <section className="card" aria-label={t('calc.title')}>
            <h2>{t('calc.title')}</h2>
            <CalculationView receipt={calc.answer.receipt} tierNames={tierNames} stale={!fresh} testId="calculation" />
            {fresh && calc.answer.receipt.smsCodeRequired && calc.answer.customer?.id && (
              <SmsStep
                customerId={calc.answer.customer.id} purpose={(calc.answer.receipt.totals.pointsSpent > 0 ? 'spend_points' : 'phone_discount')}
                verifiedId={smsChallenge} onVerified={setSmsChallenge}
              />
            )}
            <div className="actions till-actions">
              <button
                ref={confirmButton} type="button" className="button button--primary button--till button--till-confirm" data-testid="confirm"
                disabled={!fresh || busy !== null || smsNeeded || (sending !== null && !sending.lost)}
                onClick={() => void confirm(sending?.lost ? sending : undefined)}
              >
                {busy === 'confirm'
                  ? (sending && sending.attempts > 0 ? t('confirm.retrying', { n: sending.attempts }) : t('confirm.confirming'))
                  : sending?.lost ? t('confirm.retrySame') : t('confirm.button', { amount: fmt.money(calc.answer.receipt.totals.amountToPay) })}
              </button>
              {sending?.lost && (
                <span className="muted small">{t('confirm.receiptId')} <code dir="ltr">{sending.receiptId}</code></span>
              )}
            </div>
          </section>
        )}
      </div>
      <aside className="till-side">
        <CustomerPanel identified={identified} onChange={changeCustomer} locked={locked} />
      </aside>
    </div>
  );
}

function currencySymbol(currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}
