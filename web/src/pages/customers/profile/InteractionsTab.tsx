// The interaction history: calls, messages, meetings, letters, contracts, complaints, returns and
// cancellations, newest first; complaints stay with their owner until resolved.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { LoadState } from '../../../components/LoadState';
import { useFormat } from '../../../components/useFormat';
import { useLoad } from '../../../components/useLoad';
import { useMe } from '../../../session';
import { canWrite } from '../common/can';
import { useErrorText } from '../common/errors';
import { useStaff } from '../common/staff';
import { INTERACTION_KINDS, type Interaction, type InteractionKind } from '../common/types';
import { ComplaintActions } from './ComplaintActions';
import { useProfile } from './context';
import { InteractionForm } from './InteractionForm';
import { useReasonLabel } from './reasons';
import { Section } from './Section';

const PAGE = 50;

export function InteractionsTab() {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const me = useMe();
  const staff = useStaff();
  const errorText = useErrorText();
  const reasonLabel = useReasonLabel();
  const { customer, readOnly } = useProfile();
  const id = customer.id;
  const [kind, setKind] = useState<InteractionKind | ''>('');
  const loader = useCallback(async () => {
    const [list, reasons] = await Promise.all([
      unwrap(api.GET('/api/customers/{id}/interactions', { params: { path: { id }, query: { limit: PAGE, ...(kind && { kind }) } } })),
      unwrap(api.GET('/api/complaint-reasons')),
    ]);
    return { items: list.items, more: list.items.length === PAGE, reasons: reasons.items };
  }, [id, kind]);
  const { data, error, loading, reload, set } = useLoad(loader);
  const [adding, setAdding] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const editable = canWrite(me.staff.role) && !readOnly;

  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;

  const loadMore = async () => {
    const last = data.items[data.items.length - 1];
    if (!last) return;
    setMoreError(null);
    try {
      const next = await unwrap(api.GET('/api/customers/{id}/interactions', { params: { path: { id }, query: { limit: PAGE, before: last.occurredAt, ...(kind && { kind }) } } }));
      const seen = new Set(data.items.map((i) => i.id));
      set({ ...data, items: [...data.items, ...next.items.filter((i) => !seen.has(i.id))], more: next.items.length === PAGE });
    } catch (e) {
      setMoreError(errorText(e));
    }
  };
  const replace = (changed: Interaction) => set({ ...data, items: data.items.map((i) => (i.id === changed.id ? changed : i)) });
  const reasonOf = (reasonId: string) => data.reasons.find((r) => r.id === reasonId);

  return (
    <Section title={t('profile.tabs.interactions')} intro={t('interactions.intro')} testId="interactions"
      action={editable && !adding && <button type="button" className="button button--primary" onClick={() => setAdding(true)}>{t('interactions.logButton')}</button>}>
      {adding && <InteractionForm reasons={data.reasons} onDone={(saved) => { setAdding(false); if (saved) reload(); }} />}
      <div className="actions">
        <label className="muted small" htmlFor="interaction-kind">{t('interactions.show')}</label>
        <select id="interaction-kind" className="cust-select--inline" value={kind} onChange={(e) => setKind(e.target.value as InteractionKind | '')}>
          <option value="">{t('interactions.allKinds')}</option>
          {INTERACTION_KINDS.map((k) => <option key={k} value={k}>{t(`interactions.kinds.${k}`)}</option>)}
        </select>
      </div>
      {data.items.length === 0 ? <p className="muted">{t('interactions.none')}</p> : (
        <ol className="cust-feed">
          {data.items.map((i) => (
            <li key={i.id} className={`cust-feed__item cust-feed__item--${i.kind}`}>
              <div className="cust-feed__head">
                <span className={i.kind === 'complaint' ? 'badge badge--danger' : 'badge'}>{t(`interactions.kinds.${i.kind}`)}</span>
                {i.channel && <span className="muted">{t(`interactions.channels.${i.channel}`)}</span>}
                {i.direction && <span className="muted">{t(`interactions.${i.direction}`)}</span>}
                <span className="cust-feed__time">{fmt.dateTime(i.occurredAt)}</span>
              </div>
              {i.text && <p className="cust-pre" dir="auto">{i.text}</p>}
              {i.attachmentRef && <p className="small"><span className="muted">{t('interactions.attachment')}:</span> <span dir="ltr" className="cust-ellipsis">{i.attachmentRef}</span></p>}
              <p className="muted small">{t('interactions.by', { name: staff.name(i.staffId) ?? t('staff.unknown') })}</p>
              {i.complaint && (
                <div className={i.complaint.status === 'open' ? 'cust-complaint cust-complaint--open' : 'cust-complaint'}>
                  <span className={i.complaint.status === 'open' ? 'badge badge--danger' : 'badge badge--ok'}>{t(`complaints.status.${i.complaint.status}`)}</span>
                  <span>{t('complaints.reason')}: {reasonLabel(reasonOf(i.complaint.reasonId))}</span>
                  <span>{t('complaints.owner')}: <bdi>{staff.name(i.complaint.ownerId) ?? t('staff.unknown')}</bdi></span>
                  {i.complaint.resolution && (
                    <p className="cust-pre small" dir="auto">
                      <strong>{t('complaints.resolution')}:</strong> {i.complaint.resolution}
                      {i.complaint.resolvedAt && <span className="muted"> · {fmt.dateTime(i.complaint.resolvedAt)}</span>}
                    </p>
                  )}
                  {editable && i.complaint.status === 'open' && <ComplaintActions interaction={i} onChanged={replace} />}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {moreError && <Alert kind="error">{moreError}</Alert>}
      {data.more && <div className="actions"><button type="button" className="button" onClick={() => void loadMore()}>{t('actions.showOlder')}</button></div>}
    </Section>
  );
}
