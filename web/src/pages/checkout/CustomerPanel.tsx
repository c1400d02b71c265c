// Who is at the till: name, card, card type and discount, points, how far to the next discount level
// or card type, a birthday greeting, and anything the cashier should know (warnings).
import { useTranslation } from 'react-i18next';
import { formatBp } from '../../components/percent';
import { useFormat } from '../../components/useFormat';
import type { IdentifyAnswer } from './receipt';

const KNOWN_WARNINGS = ['not_a_member_yet', 'debt_open', 'card_not_bound', 'points_expiring_soon', 'below_min_balance'];

interface Props {
  identified: IdentifyAnswer | null;
  /** Balance after the confirmed receipt, when there is one. */
  pointsAfter?: { spendable: number; pending: number } | null;
  onChange(): void;
  locked: boolean;
}

export function CustomerPanel({ identified, pointsAfter, onChange, locked }: Props) {
  const { t } = useTranslation('checkout');
  const fmt = useFormat();
  const pct = (bp: number) => formatBp(bp, fmt.locale);

  if (!identified) {
    return (
      <section className="card till-customer" aria-label={t('customer.title')} data-testid="customer-panel">
        <div className="till-customer__head">
          <div>
            <p className="eyebrow">{t('customer.title')}</p>
            <h2 className="till-customer__name">{t('customer.anonymous')}</h2>
          </div>
          {!locked && <button type="button" className="button" onClick={onChange}>{t('customer.identify')}</button>}
        </div>
        <p className="muted">{t('customer.anonymousText')}</p>
      </section>
    );
  }

  const { customer, card, tier, discount, points, cumulative, nextTier, club, warnings, greetings } = identified;
  const shownPoints = pointsAfter ?? points;
  const toGo = (amount: number | null, count: number | null) => [
    amount !== null && amount > 0 ? fmt.money(amount) : null,
    count !== null && count > 0 ? t('customer.purchases', { count }) : null,
  ].filter(Boolean).join(t('customer.or'));

  return (
    <section className="card till-customer" aria-label={t('customer.title')} data-testid="customer-panel">
      <div className="till-customer__head">
        <div>
          <p className="eyebrow">{t(`customer.by.${identified.identifiedBy}`)}</p>
          <h2 className="till-customer__name" data-testid="customer-name"><bdi>{customer?.name ?? t('customer.unknownHolder')}</bdi></h2>
          {card && <p className="mono small"><bdi dir="ltr">{card.number}</bdi></p>}
        </div>
        {!locked && <button type="button" className="button" onClick={onChange}>{t('customer.change')}</button>}
      </div>
      {greetings.includes('birthday') && (
        <div className="till-greeting" role="status">
          <svg className="till-greeting__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 2c1.1 1.3 1.7 2.4 1.7 3.3A1.7 1.7 0 0 1 12 7a1.7 1.7 0 0 1-1.7-1.7C10.3 4.4 10.9 3.3 12 2Zm-1 6h2v3h-2V8Zm-6 4h14a2 2 0 0 1 2 2v2.2c-.9.5-1.8.5-2.7 0-1.2-.7-2.6-.7-3.8 0-1.1.7-2.6.7-3.8 0-1.2-.7-2.6-.7-3.8 0-.9.5-1.8.5-2.7 0V14a2 2 0 0 1 2-2Zm-2 6.4c1.4.6 2.9.5 4.2-.2.6-.4 1.4-.4 2 0 1.8 1.1 4 1.1 5.8 0 .6-.4 1.4-.4 2 0 1.3.7 2.8.8 4.2.2V22H3v-3.6Z" />
          </svg>
          {t('customer.birthday', { name: customer?.name ?? '' })}
        </div>
      )}
      <div className="till-customer__facts">
        {tier && (
          <div className="till-fact">
            <span className="till-fact__label">{t('customer.tier')}</span>
            <span className="till-fact__value"><bdi>{tier.name}</bdi></span>
          </div>
        )}
        <div className="till-fact">
          <span className="till-fact__label">{t('customer.discount')}</span>
          <span className="till-fact__value" data-testid="customer-discount">{discount ? pct(discount.bp) : '—'}</span>
          {discount && <span className="till-fact__note">{t(`mechanics.${discount.mechanic}`)}</span>}
        </div>
        {shownPoints && (
          <>
            <div className="till-fact">
              <span className="till-fact__label">{t('customer.spendable')}</span>
              <span className="till-fact__value" data-testid="customer-points">{fmt.number(shownPoints.spendable)}</span>
              {points && points.rate && <span className="till-fact__note">{t('customer.worth', { money: fmt.money((BigInt(shownPoints.spendable) * BigInt(points.rate.minor)) / BigInt(points.rate.points)) })}</span>}
            </div>
            <div className="till-fact">
              <span className="till-fact__label">{t('customer.pending')}</span>
              <span className="till-fact__value" data-testid="customer-pending">{fmt.number(shownPoints.pending)}</span>
            </div>
          </>
        )}
      </div>
      {(cumulative?.next || nextTier || club) && (
        <ul className="till-progress">
          {cumulative?.next && (
            <li>{t('customer.nextLevel', { togo: toGo(cumulative.next.amountToGo, cumulative.next.countToGo), discount: pct(cumulative.next.bp) })}</li>
          )}
          {nextTier && <li>{t('customer.nextTier', { togo: toGo(nextTier.amountToGo, nextTier.countToGo), tier: nextTier.name })}</li>}
          {club && <li>{club.member ? t('customer.clubMember') : t('customer.notClubMember')}</li>}
        </ul>
      )}
      {card && card.status !== 'active' && <p className="till-warning" role="alert">{t(`customer.cardStatus.${card.status}`)}</p>}
      {warnings.length > 0 && (
        <ul className="till-warnings" data-testid="customer-warnings">
          {warnings.map((w) => (
            <li key={w}>
              {KNOWN_WARNINGS.includes(w) ? t(`warnings.${w}`, {
                points: fmt.number(points?.expiringSoon?.points ?? 0),
                date: points?.expiringSoon?.firstExpiry ? fmt.date(points.expiringSoon.firstExpiry) : '',
                min: fmt.number(points?.minBalanceToRedeem ?? 0),
              }) : w}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
