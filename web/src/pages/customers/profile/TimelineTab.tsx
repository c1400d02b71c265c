// Everything that happened with the customer, newest first: interactions, consent, profile changes,
// complaint hand-overs and what other modules add (purchases, points).
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { LoadState } from '../../../components/LoadState';
import { useFormat } from '../../../components/useFormat';
import { formatMoney } from '../../../format';
import { useLoad } from '../../../components/useLoad';
import { useErrorText } from '../common/errors';
import { formatMonthDay } from '../common/format';
import { useStaff } from '../common/staff';
import type { TimelineItem } from '../common/types';
import { useProfile } from './context';
import { Section } from './Section';

const PAGE = 50;

export function TimelineTab() {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const errorText = useErrorText();
  const { customer } = useProfile();
  const id = customer.id;
  const loader = useCallback(() => unwrap(api.GET('/api/customers/{id}/timeline', { params: { path: { id }, query: { limit: PAGE } } })), [id]);
  const { data, error, loading, reload, set } = useLoad(loader);
  const [moreError, setMoreError] = useState<string | null>(null);

  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;
  const loadMore = async () => {
    if (!data.next) return;
    setMoreError(null);
    try {
      const next = await unwrap(api.GET('/api/customers/{id}/timeline', { params: { path: { id }, query: { limit: PAGE, cursor: data.next } } }));
      set({ ...next, items: [...data.items, ...next.items] });
    } catch (e) {
      setMoreError(errorText(e));
    }
  };

  return (
    <Section title={t('profile.tabs.timeline')} intro={t('timeline.intro')} testId="timeline">
      {data.items.length === 0 ? <p className="muted">{t('timeline.none')}</p> : (
        <ol className="cust-timeline">
          {data.items.map((item) => (
            <li key={`${item.source}-${item.id}`} className={`cust-timeline__item cust-timeline__item--${item.source}`}>
              <time className="cust-timeline__time" dateTime={item.at}>{fmt.dateTime(item.at)}</time>
              <div className="cust-timeline__body"><TimelineText item={item} /></div>
            </li>
          ))}
        </ol>
      )}
      {moreError && <Alert kind="error">{moreError}</Alert>}
      {data.next && <div className="actions"><button type="button" className="button" onClick={() => void loadMore()}>{t('actions.showOlder')}</button></div>}
    </Section>
  );
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const SPECIAL = ['relationAdded', 'relationRemoved', 'occasionAdded', 'occasionRemoved', 'documentAdded', 'documentChanged', 'documentRemoved'];

/** What a relation, occasion or document change was about: "Spouse James Smith", "Passport •••• 0006". */
function ChangeText({ value }: { value: Record<string, unknown> | null }) {
  const { t } = useTranslation('customers');
  const { locale } = useFormat();
  if (!value) return null;
  const kind = str(value.kind);
  if (typeof value.month === 'number' && typeof value.day === 'number') {
    return <>{t(`occasions.kinds.${kind}`, { defaultValue: kind })} · {formatMonthDay(value.month, value.day, locale)}{value.label ? <> · <bdi>{str(value.label)}</bdi></> : null}</>;
  }
  if (typeof value.type === 'string') return <>{t(`documents.types.${value.type}`, { defaultValue: value.type })} <span dir="ltr">{str(value.number)}</span></>;
  return <>{t(`family.kinds.${kind}`, { defaultValue: kind })}{value.name ? <> · <bdi>{str(value.name)}</bdi></> : null}</>;
}

/** A receipt, its cancellation or refund, from the figures the loyalty module gives (not its English summary). */
function PurchaseText({ item }: { item: TimelineItem }) {
  const { t } = useTranslation('customers');
  const { locale, number } = useFormat();
  const d = item.data;
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const money = (v: unknown) => formatMoney(n(v), str(d.currency) || 'XXX', locale);
  const receipt = <span dir="ltr">{str(d.receiptId)}</span>;
  if (item.type !== 'purchase') {
    return <>{receipt} · {t('timeline.purchase.returned', { money: money(d.moneyReturned) })}</>;
  }
  const parts = [t('timeline.purchase.paid', { money: money(d.paid) })];
  if (n(d.discount) > 0) parts.push(t('timeline.purchase.discount', { money: money(d.discount) }));
  if (n(d.pointsEarned) > 0) parts.push(t('timeline.purchase.earned', { count: n(d.pointsEarned), points: number(n(d.pointsEarned)) }));
  if (n(d.pointsSpent) > 0) parts.push(t('timeline.purchase.spent', { count: n(d.pointsSpent), points: number(n(d.pointsSpent)) }));
  return <>{receipt} · {parts.join(t('timeline.purchase.separator'))}</>;
}

function TimelineText({ item }: { item: TimelineItem }) {
  const { t } = useTranslation('customers');
  const staff = useStaff();
  const by = staff.name(item.staffId);
  const d = item.data;
  let title: ReactNode;
  let detail: ReactNode = null;

  if (item.source === 'interactions' && item.type === 'complaint_handover') {
    title = t('timeline.handover', { from: staff.name(str(d.fromStaffId)) ?? t('staff.unknown'), to: staff.name(str(d.toStaffId)) ?? t('staff.unknown') });
    detail = <bdi>{str(d.reason)}</bdi>;
  } else if (item.source === 'interactions') {
    title = <span className={item.type === 'complaint' ? 'badge badge--danger' : 'badge'}>{t(`interactions.kinds.${item.type}`, { defaultValue: item.type })}</span>;
    detail = item.summary && item.summary !== item.type ? <bdi>{item.summary}</bdi> : null;
  } else if (item.source === 'consent') {
    title = t(item.type === 'consent_given' ? 'timeline.consentGiven' : 'timeline.consentWithdrawn', { channel: t(`channels.${str(d.channel)}`, { defaultValue: str(d.channel) }) });
    detail = <>(<bdi>{str(d.source)}</bdi>)</>;
  } else if (item.source === 'profile') {
    const action = str(d.action);
    const changes = (d.changes && typeof d.changes === 'object' ? d.changes : {}) as Record<string, { from?: unknown; to?: unknown } | unknown>;
    const special = Object.keys(changes).find((k) => SPECIAL.includes(k));
    if (action === 'merged' || action === 'merge_undone') {
      const mine = typeof changes.survivorId === 'string' ? 'loser' : 'survivor';
      title = t(`timeline.profile.${action}_${mine}`);
      if (typeof changes.mergeId === 'string') detail = <Link to={`/customers/merges/${changes.mergeId}`}>{t('merge.open')}</Link>;
    } else if (special) {
      const change = changes[special] as { from?: unknown; to?: unknown };
      title = t(`timeline.changes.${special}`);
      detail = <ChangeText value={(change.to ?? change.from) as Record<string, unknown> | null} />;
    } else {
      title = t(`timeline.profile.${action}`, { defaultValue: item.summary });
      if (action === 'updated') {
        detail = Object.keys(changes).map((key) => key.startsWith('fields.') ? key.slice(7) : t(`fields.${key}`, { defaultValue: key })).join(', ');
      }
    }
  } else if (item.source === 'loyalty.purchases') {
    title = t(`timeline.types.${item.type}`, { defaultValue: item.type.replace(/_/g, ' ') });
    detail = <PurchaseText item={item} />;
  } else {
    title = t(`timeline.types.${item.type}`, { defaultValue: item.type.replace(/_/g, ' ') });
    detail = <bdi>{item.summary}</bdi>;
  }
  return (
    <>
      <div>{title}{detail && <span className="cust-timeline__detail"> {detail}</span>}</div>
      {by && <div className="muted small"><bdi>{by}</bdi></div>}
    </>
  );
}
