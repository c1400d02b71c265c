// One card: its barcode and QR code, holder, type and status, what can be done with it (bind, block,
// unblock, replace), its full history (including the cards it replaced), and the holder's points.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { LoadState } from '../../components/LoadState';
import { useAreaError } from '../../components/useAreaError';
import { useAreaSubmit } from '../../components/useAreaSubmit';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { useMe } from '../../session';
import { can } from './access';
import { CardHistory } from './CardHistory';
import { HolderName, StatusBadge, type Card } from './CardsListPage';
import { CustomerPicker } from './CustomerPicker';
import { CustomerPoints } from './CustomerPoints';
import { tierName, usePrograms } from './programs-data';

export function CardPage() {
  const { id = '' } = useParams();
  const loader = useCallback(() => unwrap(api.GET('/api/cards/{id}', { params: { path: { id } } })), [id]);
  const { data, error, loading, reload, set } = useLoad(loader);
  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;
  return <CardView key={data.id} card={data} onChanged={set} />;
}

type Panel = null | 'block' | 'replace' | 'bind';

function CardView({ card, onChanged }: { card: Card; onChanged(card: Card): void }) {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const { staff } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const areaError = useAreaError('cards');
  const programs = usePrograms();
  const program = programs.data?.find((p) => p.id === card.programId);
  const [panel, setPanel] = useState<Panel>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const issued = (location.state as { issued?: boolean } | null)?.issued === true;
  const active = card.status === 'active';

  const changed = (next: Card) => {
    setPanel(null);
    setHistoryKey((k) => k + 1);
    onChanged(next);
  };
  const unblock = async () => {
    setBusy(true);
    setActionError(null);
    try {
      changed(await unwrap(api.POST('/api/cards/{id}/unblock', { params: { path: { id: card.id } } })));
    } catch (e) {
      setActionError(areaError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {issued && <Alert kind="success">{t('card.issuedNow')}</Alert>}
      <section className="card card-hero" data-testid="card-page">
        <div className="card-hero__media">
          <figure className="barcode">
            <img src={`/api/cards/${card.id}/barcode.svg`} alt={t('card.barcodeAlt', { number: card.number })} data-testid="card-barcode" />
            <figcaption className="small muted">
              <a href={`/api/cards/${card.id}/barcode.png`} download={`card-${card.number}.png`}>PNG</a> · <a href={`/api/cards/${card.id}/barcode.svg`} download={`card-${card.number}.svg`}>SVG</a>
            </figcaption>
          </figure>
          <figure className="qr">
            <img src={`/api/cards/${card.id}/qr.svg`} alt={t('card.qrAlt', { number: card.number })} />
            <figcaption className="small muted">
              <a href={`/api/cards/${card.id}/qr.png`} download={`card-${card.number}-qr.png`}>PNG</a> · <a href={`/api/cards/${card.id}/qr.svg`} download={`card-${card.number}-qr.svg`}>SVG</a>
            </figcaption>
          </figure>
        </div>
        <div className="card-hero__facts">
          <p className="eyebrow">{t(`kind.${card.kind}`)}</p>
          <h2 className="card-number" data-testid="card-number"><bdi dir="ltr">{card.number}</bdi></h2>
          <div className="badges">
            <StatusBadge status={card.status} />
            <span className="badge badge--tier">{tierName(programs.data, card.programId, card.tier)}</span>
          </div>
          <dl className="details">
            <div><dt>{t('card.holder')}</dt><dd>{card.customerId ? <HolderName id={card.customerId} /> : t('card.unbound')}</dd></div>
            {program && <div><dt>{t('card.program')}</dt><dd><Link to={`/cards/programs/${program.id}`}><bdi>{program.name}</bdi></Link></dd></div>}
            <div><dt>{t('card.issued')}</dt><dd>{fmt.dateTime(card.issuedAt)}</dd></div>
            {card.boundAt && <div><dt>{t('card.bound')}</dt><dd>{fmt.dateTime(card.boundAt)}</dd></div>}
            {card.blockReason && <div><dt>{t('card.blockReason')}</dt><dd><bdi>{card.blockReason}</bdi></dd></div>}
            {card.replacedBy && <div><dt>{t('card.replacedBy')}</dt><dd><Link to={`/cards/${card.replacedBy}`}>{t('card.openNew')}</Link></dd></div>}
          </dl>
          <div className="actions">
            {active && !card.customerId && <button type="button" className="button" onClick={() => setPanel('bind')}>{t('card.bind')}</button>}
            {active && <button type="button" className="button button--danger-outline" onClick={() => setPanel('block')}>{t('card.block')}</button>}
            {card.status === 'blocked' && can(staff.role, 'cards.issue_vip') && <button type="button" className="button" disabled={busy} onClick={() => void unblock()}>{t('card.unblock')}</button>}
            {card.status !== 'replaced' && <button type="button" className="button" onClick={() => setPanel('replace')}>{t('card.replace')}</button>}
          </div>
          {actionError && <Alert kind="error">{actionError}</Alert>}
        </div>
      </section>
      {panel === 'replace' && <ReplaceForm card={card} onCancel={() => setPanel(null)} onDone={(next) => navigate(`/cards/${next.id}`, { state: { issued: true } })} />}
      {panel === 'bind' && <BindForm card={card} onCancel={() => setPanel(null)} onDone={changed} />}
      <BlockDialog card={card} open={panel === 'block'} onCancel={() => setPanel(null)} onDone={changed} />
      <CardHistory key={historyKey} cardId={card.id} />
      {card.customerId && <CustomerPoints customerId={card.customerId} programId={card.programId} />}
    </>
  );
}

function BlockDialog({ card, open, onCancel, onDone }: { card: Card; open: boolean; onCancel(): void; onDone(card: Card): void }) {
  const { t } = useTranslation('cards');
  const [reason, setReason] = useState('');
  const submit = useAreaSubmit('cards', ['reason']);
  const block = () => void submit.run(async () => {
    onDone(await unwrap(api.POST('/api/cards/{id}/block', { params: { path: { id: card.id } }, body: reason.trim() ? { reason: reason.trim() } : {} })));
    setReason('');
  });
  return (
    <ConfirmDialog open={open} title={t('card.blockTitle', { number: card.number })} confirmLabel={t('card.block')} busy={submit.busy} onConfirm={block} onCancel={onCancel}>
      <p>{t('card.blockText')}</p>
      <Field label={t('card.blockReason')} error={submit.fieldError('reason')}>
        <input dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder={t('card.blockReasonPlaceholder')} />
      </Field>
      {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
    </ConfirmDialog>
  );
}

function ReplaceForm({ card, onCancel, onDone }: { card: Card; onCancel(): void; onDone(card: Card): void }) {
  const { t } = useTranslation('cards');
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const submit = useAreaSubmit('cards', ['number', 'reason']);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      const body = { ...(number.trim() ? { number: number.trim() } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) };
      onDone(await unwrap(api.POST('/api/cards/{id}/replace', { params: { path: { id: card.id } }, body })));
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3>{t('card.replaceTitle')}</h3>
      <p className="muted">{t('card.replaceText')}</p>
      <div className="form__grid">
        <Field label={t('card.newNumber')} error={submit.fieldError('number')} hint={t('card.newNumberHint')}>
          <input dir="ltr" inputMode="numeric" className="mono" value={number} onChange={(e) => setNumber(e.target.value)} autoComplete="off" autoFocus />
        </Field>
        <Field label={t('card.replaceReason')} error={submit.fieldError('reason')}>
          <input dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </Field>
      </div>
      {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={submit.busy}>{t('card.replace')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('common.cancel', { ns: 'translation' })}</button>
      </div>
    </form>
  );
}

function BindForm({ card, onCancel, onDone }: { card: Card; onCancel(): void; onDone(card: Card): void }) {
  const { t } = useTranslation('cards');
  const submit = useAreaSubmit('cards', ['customerId']);
  const bind = (customerId: string) => void submit.run(async () => {
    onDone(await unwrap(api.POST('/api/cards/{id}/bind', { params: { path: { id: card.id } }, body: { customerId } })));
  });
  return (
    <section className="card">
      <h3>{t('card.bindTitle')}</h3>
      <p className="muted">{t('card.bindText')}</p>
      <CustomerPicker label={t('issue.customer')} onPick={(c) => bind(c.id)} autoFocus />
      {(submit.formError ?? submit.fieldError('customerId')) && <Alert kind="error">{submit.formError ?? submit.fieldError('customerId')}</Alert>}
      <div className="actions"><button type="button" className="button" onClick={onCancel}>{t('common.cancel', { ns: 'translation' })}</button></div>
    </section>
  );
}
