// After the confirmation: what was paid and earned, the balance now, and — if the customer brings
// something back — a refund by lines and quantities, or the cancellation of the whole receipt. Each
// refund and the cancellation carry their own id, so a retry after a lost answer is applied once.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { parseQuantity } from '../../components/decimal';
import { useAreaError } from '../../components/useAreaError';
import { useFormat } from '../../components/useFormat';
import { CalculationView } from './CalculationView';
import { isRetryable, withRetry } from './idempotent';
import type { ConfirmAnswer, RefundAnswer } from './receipt';

interface Props { confirmed: ConfirmAnswer; tierNames: Record<string, string>; onNext(): void; onBalance(balance: { spendable: number; pending: number }): void }

type Pending = { kind: 'refund'; id: string; body: { refundId: string; receiptId: string; lines: { index: number; quantity: number }[] } } | { kind: 'cancel'; id: string; body: { cancelId: string; receiptId: string } };

export function DoneView({ confirmed, tierNames, onNext, onBalance }: Props) {
  const { t } = useTranslation('checkout');
  const fmt = useFormat();
  const areaError = useAreaError('checkout');
  const [results, setResults] = useState<RefundAnswer[]>([]);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cancelAsk, setCancelAsk] = useState(false);
  const [refundOpen, setRefundOpen] = useState(false);

  const last = results[results.length - 1];
  const status = last?.receiptStatus ?? 'confirmed';
  const refunded = new Map<number, number>();
  for (const r of results) for (const l of r.lines) refunded.set(l.index, l.refundedQuantity);
  const remaining = (index: number, quantity: number) => quantity - (refunded.get(index) ?? 0);
  const closed = status === 'refunded' || status === 'cancelled';
  const { points, receipt } = confirmed;

  const send = async (p: Pending) => {
    setPending(p);
    setBusy(true);
    setError(null);
    try {
      const answer = await withRetry(() => (p.kind === 'refund'
        ? unwrap(api.POST('/api/checkout/refund', { body: p.body }))
        : unwrap(api.POST('/api/checkout/cancel', { body: p.body }))));
      setResults((r) => [...r, answer]);
      if (answer.balance) onBalance(answer.balance);
      setPending(null);
      setQuantities({});
      setRefundOpen(false);
    } catch (e) {
      setError(areaError(e));
      // A definite answer (not a lost one) means the request was not applied: start afresh next time.
      if (!isRetryable(e)) setPending(null);
    } finally {
      setBusy(false);
      setCancelAsk(false);
    }
  };

  const refund = (e: FormEvent) => {
    e.preventDefault();
    const lines: { index: number; quantity: number }[] = [];
    for (const l of receipt.lines) {
      const text = quantities[l.index]?.trim();
      if (!text) continue;
      const q = parseQuantity(text);
      if (q === null || q > remaining(l.index, l.quantity)) {
        setError(t('refund.badQuantity', { sku: l.sku }));
        return;
      }
      lines.push({ index: l.index, quantity: q });
    }
    if (lines.length === 0) {
      setError(t('refund.nothing'));
      return;
    }
    const refundId = `refund-${crypto.randomUUID()}`;
    void send({ kind: 'refund', id: refundId, body: { refundId, receiptId: confirmed.receiptId, lines } });
  };
  const cancel = () => {
    const cancelId = `cancel-${crypto.randomUUID()}`;
    void send({ kind: 'cancel', id: cancelId, body: { cancelId, receiptId: confirmed.receiptId } });
  };

  return (
    <div className="till-done" data-testid="confirmed">
      <section className="card till-done__summary">
        <div className="till-done__head">
          <div>
            <p className="eyebrow">{t('done.receipt')} <code dir="ltr">{confirmed.receiptId}</code> · {fmt.dateTime(confirmed.occurredAt)}</p>
            <h2 className="till-done__title">{status === 'confirmed' ? t('done.title') : t(`done.status.${status}`)}</h2>
          </div>
          <button type="button" className="button button--primary button--till" onClick={onNext} data-testid="next-customer" autoFocus>{t('done.next')}</button>
        </div>
        <div className="stats">
          <div className="stat"><span className="stat__label">{t('calc.toPay')}</span><span className="stat__value">{fmt.money(receipt.totals.amountToPay)}</span></div>
          <div className="stat"><span className="stat__label">{t('done.earned')}</span><span className="stat__value" data-testid="done-earned">+{fmt.number(points.earned)}</span>
            {points.earnedLot && <span className="stat__note">{new Date(points.earnedLot.unlockAt).getTime() > Date.now() ? t('done.unlocks', { date: fmt.date(points.earnedLot.unlockAt) }) : t('done.spendableNow')}</span>}
          </div>
          {points.spent > 0 && <div className="stat"><span className="stat__label">{t('done.spent')}</span><span className="stat__value">−{fmt.number(points.spent)}</span></div>}
          {confirmed.customer?.points && (
            <div className="stat"><span className="stat__label">{t('done.balance')}</span><span className="stat__value" data-testid="done-balance">{fmt.number((last?.balance ?? confirmed.customer.points).spendable)}</span>
              <span className="stat__note">{t('done.pending', { points: fmt.number((last?.balance ?? confirmed.customer.points).pending) })}</span>
            </div>
          )}
        </div>
      </section>
      <section className="card">
        <CalculationView receipt={receipt} tierNames={tierNames} />
      </section>
      {results.map((r) => (
        <Alert key={r.id} kind="info">
          <strong>{t(`done.${r.kind}Done`)}</strong>{' '}
          {t('done.refundFacts', { money: fmt.money(r.money.toReturn), returned: fmt.number(r.points.returned), takenBack: fmt.number(r.points.takenBack) })}
          {r.money.deduction > 0 && <> {t('done.deduction', { money: fmt.money(r.money.deduction) })}</>}
          {r.points.negativeBalance > 0 && <> {t('done.negative', { count: r.points.negativeBalance, points: fmt.number(r.points.negativeBalance) })}</>}
        </Alert>
      ))}
      {error && (
        <Alert kind="error">
          {error}{' '}
          {pending && <button type="button" className="link-button" disabled={busy} onClick={() => void send(pending)}>{t('confirm.retrySame')}</button>}
        </Alert>
      )}
      {!closed && (
        <section className="card" data-testid="refund">
          <div className="card__header">
            <div>
              <h2>{t('refund.title')}</h2>
              <p className="muted">{t('refund.intro')}</p>
            </div>
            <div className="actions">
              {!refundOpen && <button type="button" className="button button--till-secondary" onClick={() => setRefundOpen(true)}>{t('refund.open')}</button>}
              {results.length === 0 && <button type="button" className="button button--danger-outline button--till-secondary" onClick={() => setCancelAsk(true)} disabled={busy}>{t('refund.cancel')}</button>}
            </div>
          </div>
          {refundOpen && (
            <form onSubmit={refund} className="till-refund">
              <table className="table table--compact">
                <thead><tr><th>{t('lines.sku')}</th><th className="num">{t('refund.bought')}</th><th className="num">{t('refund.left')}</th><th className="num">{t('refund.quantity')}</th></tr></thead>
                <tbody>
                  {receipt.lines.map((l) => {
                    const left = remaining(l.index, l.quantity);
                    return (
                      <tr key={l.index}>
                        <td><span dir="ltr" className="mono">{l.sku}</span></td>
                        <td className="num">{fmt.number(l.quantity)}</td>
                        <td className="num">{fmt.number(left)}</td>
                        <td className="num">
                          <div className="till-refund__qty">
                            <input className="till-input till-input--num" inputMode="decimal" dir="ltr" disabled={left <= 0} value={quantities[l.index] ?? ''}
                              onChange={(e) => setQuantities({ ...quantities, [l.index]: e.target.value })} aria-label={t('refund.quantityOf', { sku: l.sku })} data-testid={`refund-qty-${l.index}`} />
                            <button type="button" className="button button--small" disabled={left <= 0} onClick={() => setQuantities({ ...quantities, [l.index]: String(left) })}>{t('refund.all')}</button>
                          </div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <div className="actions">
                <button type="submit" className="button button--primary button--till" disabled={busy}>{t('refund.submit')}</button>
                <button type="button" className="button button--till-secondary" onClick={() => setRefundOpen(false)}>{t('common.cancel', { ns: 'translation' })}</button>
              </div>
            </form>
          )}
        </section>
      )}
      <ConfirmDialog open={cancelAsk} title={t('refund.cancelTitle')} confirmLabel={t('refund.cancel')} busy={busy} onConfirm={cancel} onCancel={() => setCancelAsk(false)}>
        {t('refund.cancelText')}
      </ConfirmDialog>
    </div>
  );
}
