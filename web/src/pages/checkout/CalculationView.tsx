// The calculated receipt: each line's discount with the reason the customer can be told, points spent
// and earned per line, and the totals. Shown after Calculate and again with the confirmed answer.
import { useTranslation } from 'react-i18next';
import { formatBp } from '../../components/percent';
import { useFormat } from '../../components/useFormat';
import type { CalculateAnswer } from './receipt';

type ReceiptView = CalculateAnswer['receipt'];
type Line = ReceiptView['lines'][number];

const REASONS = ['tier_discount', 'cumulative_level', 'cumulative_kept_level', 'club_member'];
const CAPS = ['margin_floor', 'group_max_discount', 'promotion_not_combined', 'promotion_counted'];
const WARNINGS = ['points_capped', 'points_rounded_to_step', 'below_min_balance', 'points_not_available', 'unknown_tier', 'no_customer', 'margin_guard_applied', 'no_earn_when_redeeming'];

interface Props { receipt: ReceiptView; tierNames?: Record<string, string>; stale?: boolean; testId?: string }

export function CalculationView({ receipt, tierNames = {}, stale = false, testId }: Props) {
  const { t } = useTranslation('checkout');
  const fmt = useFormat();
  const pct = (bp: number) => formatBp(bp, fmt.locale);
  const { totals } = receipt;

  const reason = (l: Line) => {
    const d = l.discount;
    if (!d.mechanic || d.amount === 0) {
      return d.cappedBy ? t(`caps.${d.cappedBy}`) : <span className="muted">{t('calc.noDiscount')}</span>;
    }
    const params = d.params;
    const tierCode = typeof params.tier === 'string' ? params.tier : '';
    const text = d.reason && REASONS.includes(d.reason)
      ? t(`reasons.${d.reason}`, {
        tier: tierNames[tierCode] ?? tierCode,
        amount: typeof params.minAmount === 'number' ? fmt.money(params.minAmount) : '',
        count: typeof params.minCount === 'number' ? params.minCount : 0,
      })
      : t(`mechanics.${d.mechanic}`);
    return (
      <>
        <span>{pct(d.bp)} · {text}</span>
        {d.cappedBy && CAPS.includes(d.cappedBy) && <span className="till-cap">{t(`caps.${d.cappedBy}`)}{d.uncappedAmount > d.amount && ` (${t('calc.insteadOf', { amount: fmt.money(d.uncappedAmount) })})`}</span>}
      </>
    );
  };

  return (
    <div className={stale ? 'till-calc till-calc--stale' : 'till-calc'} data-testid={testId}>
      {stale && <p className="till-stale" role="status">{t('calc.stale')}</p>}
      <div className="table-wrap">
        <table className="table table--compact till-calc__table">
          <thead>
            <tr>
              <th>{t('lines.sku')}</th><th className="num">{t('calc.amount')}</th><th>{t('calc.discount')}</th>
              <th className="num">{t('calc.points')}</th><th className="num">{t('calc.toPay')}</th><th className="num">{t('calc.earned')}</th>
            </tr>
          </thead>
          <tbody>
            {receipt.lines.map((l) => (
              <tr key={l.index}>
                <td><span dir="ltr" className="mono">{l.sku}</span>{l.productGroup && <div className="muted small"><bdi>{l.productGroup}</bdi></div>}</td>
                <td className="num">
                  {fmt.money(l.baseAmount)}
                  <div className="muted small">{fmt.number(l.quantity)} × {fmt.money(l.unitPrice)}</div>
                  {l.promotionDiscount > 0 && <div className="muted small">{t('calc.promotion', { amount: fmt.money(l.promotionDiscount) })}</div>}
                </td>
                <td className="till-calc__why">
                  {l.discount.amount > 0 && <strong className="nowrap">−{fmt.money(l.discount.amount)}</strong>}
                  {reason(l)}
                </td>
                <td className="num">{l.pointsSpent > 0 ? <>−{fmt.number(l.pointsSpent)}<div className="muted small">{fmt.money(l.pointsMoney)}</div></> : '—'}</td>
                <td className="num"><strong>{fmt.money(l.paidAmount)}</strong></td>
                <td className="num">{l.pointsEarned > 0 ? `+${fmt.number(l.pointsEarned)}` : '—'}{l.pointsEarned > 0 && <div className="muted small">{pct(l.earnBp)}</div>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="till-totals" data-testid="totals">
        <div><dt>{t('calc.subtotal')}</dt><dd>{fmt.money(totals.subtotal)}</dd></div>
        {totals.promotionTotal > 0 && <div><dt>{t('calc.promotions')}</dt><dd>−{fmt.money(totals.promotionTotal)}</dd></div>}
        <div><dt>{t('calc.discountTotal')}</dt><dd data-testid="total-discount">−{fmt.money(totals.discountTotal)}</dd></div>
        {totals.pointsSpent > 0 && <div><dt>{t('calc.pointsPaid', { count: totals.pointsSpent, points: fmt.number(totals.pointsSpent) })}</dt><dd>−{fmt.money(totals.pointsMoney)}</dd></div>}
        <div className="till-totals__pay"><dt>{t('calc.toPay')}</dt><dd data-testid="total-to-pay">{fmt.money(totals.amountToPay)}</dd></div>
        <div className="till-totals__earn"><dt>{t('calc.pointsEarned')}</dt><dd data-testid="total-points-earned">+{fmt.number(totals.pointsEarned)}</dd></div>
      </dl>
      {receipt.warnings.length > 0 && (
        <ul className="till-warnings">
          {receipt.warnings.map((w) => <li key={w}>{WARNINGS.includes(w) ? t(`calcWarnings.${w}`, { max: fmt.number(totals.maxSpendablePoints) }) : w}</li>)}
        </ul>
      )}
    </div>
  );
}
