// What the owner of an open complaint (or an owner or manager) can do: resolve it, or hand it over with
// the reason — the hand-over is recorded, so nobody passes a customer around unnoticed.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { isolate } from '../../../bidi';
import { Alert } from '../../../components/Alert';
import { Field } from '../../../components/Field';
import { useStaff } from '../common/staff';
import type { Interaction } from '../common/types';
import { useForm } from '../common/useForm';

const FIELDS = ['resolution', 'ownerId', 'reason'] as const;

export function ComplaintActions({ interaction, onChanged }: { interaction: Interaction; onChanged(i: Interaction): void }) {
  const { t } = useTranslation('customers');
  const staff = useStaff();
  const [mode, setMode] = useState<'resolve' | 'reassign' | null>(null);
  const [resolution, setResolution] = useState('');
  const others = staff.active.filter((s) => s.id !== interaction.complaint?.ownerId);
  const [ownerId, setOwnerId] = useState(others[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const form = useForm(FIELDS);
  const id = interaction.id;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await form.run(async () => {
      const changed = mode === 'resolve'
        ? await unwrap(api.POST('/api/complaints/{id}/resolve', { params: { path: { id } }, body: { resolution: resolution.trim() } }))
        : await unwrap(api.POST('/api/complaints/{id}/reassign', { params: { path: { id } }, body: { ownerId, reason: reason.trim() } }));
      onChanged(changed);
    });
    if (ok) setMode(null);
  };

  if (mode === null) {
    return (
      <div className="actions">
        <button type="button" className="button button--small button--primary" onClick={() => setMode('resolve')}>{t('complaints.resolve')}</button>
        {others.length > 0 && <button type="button" className="button button--small" onClick={() => setMode('reassign')}>{t('complaints.reassign')}</button>}
      </div>
    );
  }
  return (
    <form className="form cust-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      {mode === 'resolve' ? (
        <Field label={t('complaints.resolution')} error={form.fieldError('resolution')} hint={t('complaints.resolutionHint')}>
          <textarea dir="auto" rows={3} value={resolution} onChange={(e) => setResolution(e.target.value)} maxLength={20000} autoFocus />
        </Field>
      ) : (
        <div className="form__grid">
          <Field label={t('complaints.newOwner')} error={form.fieldError('ownerId')}>
            <select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              {others.map((s) => <option key={s.id} value={s.id}>{isolate(s.name)}</option>)}
            </select>
          </Field>
          <Field label={t('complaints.handoverReason')} error={form.fieldError('reason')}>
            <input dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} autoFocus />
          </Field>
        </div>
      )}
      {form.formError && <Alert kind="error">{form.formError}</Alert>}
      <div className="actions">
        <button type="submit" className="button button--small button--primary" disabled={form.busy}>{mode === 'resolve' ? t('complaints.markResolved') : t('complaints.handOver')}</button>
        <button type="button" className="button button--small" onClick={() => setMode(null)}>{t('actions.cancel')}</button>
      </div>
    </form>
  );
}
