// Logs a call, message, meeting, letter, contract, complaint, return, cancellation or note. A complaint
// has a reason from the organization's list and an owner who keeps it until it is resolved.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { isolate } from '../../../bidi';
import { Field } from '../../../components/Field';
import { FormActions } from '../common/FormActions';
import { useMe } from '../../../session';
import { zonedNow, zonedToIso } from '../common/format';
import { useStaff } from '../common/staff';
import { INTERACTION_CHANNELS, INTERACTION_KINDS, type ComplaintReason, type InteractionChannel, type InteractionKind } from '../common/types';
import { useForm } from '../common/useForm';
import { useProfile } from './context';
import { useReasonLabel } from './reasons';

const FIELDS = ['kind', 'channel', 'direction', 'occurredAt', 'text', 'attachmentRef', 'reasonId', 'ownerId', 'staffId'] as const;

export function InteractionForm({ reasons, onDone }: { reasons: ComplaintReason[]; onDone(saved: boolean): void }) {
  const { t } = useTranslation('customers');
  const me = useMe();
  const staff = useStaff();
  const reasonLabel = useReasonLabel();
  const { customer } = useProfile();
  const [kind, setKind] = useState<InteractionKind>('call');
  const [channel, setChannel] = useState<InteractionChannel | ''>('phone');
  const [direction, setDirection] = useState<'inbound' | 'outbound' | ''>('inbound');
  const [occurredAt, setOccurredAt] = useState('');
  const [text, setText] = useState('');
  const [attachmentRef, setAttachmentRef] = useState('');
  const active = reasons.filter((r) => !r.archived);
  const [reasonId, setReasonId] = useState(active[0]?.id ?? '');
  const [ownerId, setOwnerId] = useState(me.staff.id);
  const form = useForm(FIELDS);
  const complaint = kind === 'complaint';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const at = occurredAt ? zonedToIso(occurredAt, me.organization.timeZone) : null;
    const ok = await form.run(async () => {
      await unwrap(api.POST('/api/customers/{id}/interactions', {
        params: { path: { id: customer.id } },
        body: {
          kind, channel: channel || null, direction: direction || null, text: text.trim() || null, attachmentRef: attachmentRef.trim() || null,
          ...(at && { occurredAt: at }),
          ...(complaint && { complaint: { reasonId, ownerId } }),
        },
      }));
    });
    if (ok) onDone(true);
  };

  return (
    <form className="card form cust-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="interaction-form">
      <h3>{t('interactions.logTitle')}</h3>
      <div className="form__grid">
        <Field label={t('interactions.kind')} error={form.fieldError('kind')}>
          <select value={kind} onChange={(e) => setKind(e.target.value as InteractionKind)} autoFocus>
            {INTERACTION_KINDS.map((k) => <option key={k} value={k}>{t(`interactions.kinds.${k}`)}</option>)}
          </select>
        </Field>
        <Field label={t('interactions.channel')} error={form.fieldError('channel')}>
          <select value={channel} onChange={(e) => setChannel(e.target.value as InteractionChannel | '')}>
            <option value="">—</option>
            {INTERACTION_CHANNELS.map((c) => <option key={c} value={c}>{t(`interactions.channels.${c}`)}</option>)}
          </select>
        </Field>
        <Field label={t('interactions.direction')} error={form.fieldError('direction')}>
          <select value={direction} onChange={(e) => setDirection(e.target.value as 'inbound' | 'outbound' | '')}>
            <option value="">—</option>
            <option value="inbound">{t('interactions.inbound')}</option>
            <option value="outbound">{t('interactions.outbound')}</option>
          </select>
        </Field>
        <Field label={t('interactions.when')} error={form.fieldError('occurredAt')} hint={t('interactions.whenHint')}>
          <input type="datetime-local" value={occurredAt} max={zonedNow(me.organization.timeZone)} onChange={(e) => setOccurredAt(e.target.value)} />
        </Field>
      </div>
      {complaint && (
        <div className="form__grid cust-complaint-fields">
          <Field label={t('complaints.reason')} error={form.fieldError('reasonId')}>
            <select value={reasonId} onChange={(e) => setReasonId(e.target.value)}>
              {active.map((r) => <option key={r.id} value={r.id}>{reasonLabel(r)}</option>)}
            </select>
          </Field>
          <Field label={t('complaints.owner')} error={form.fieldError('ownerId')} hint={t('complaints.ownerHint')}>
            <select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              {staff.active.map((s) => <option key={s.id} value={s.id}>{isolate(s.name)}</option>)}
            </select>
          </Field>
        </div>
      )}
      <Field label={t('interactions.text')} error={form.fieldError('text')}>
        <textarea dir="auto" rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={20000} />
      </Field>
      <Field label={t('interactions.attachment')} error={form.fieldError('attachmentRef')} hint={t('interactions.attachmentHint')}>
        <input dir="ltr" value={attachmentRef} onChange={(e) => setAttachmentRef(e.target.value)} maxLength={1000} />
      </Field>
      <FormActions form={form} submitLabel={t('interactions.log')} cancel={() => onDone(false)} />
    </form>
  );
}
