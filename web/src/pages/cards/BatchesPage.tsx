// Bearer cards (owner): pre-issue a batch of numbered cards of one type, print them from a PDF sheet
// (ten per A4 page, in files of at most 1000 cards), and see each batch's cards.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { isolate } from '../../bidi';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { LoadState } from '../../components/LoadState';
import { parseInteger } from '../../components/decimal';
import { useAreaSubmit } from '../../components/useAreaSubmit';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { defaultProgram, tierName, usePrograms } from './programs-data';

/** The server's limit of cards in one PDF file. */
const SHEET_MAX = 1000;

export function BatchesPage() {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const programs = usePrograms();
  const loader = useCallback(async () => (await unwrap(api.GET('/api/card-batches'))).items, []);
  const { data, error, loading, reload } = useLoad(loader);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  if (!data || !programs.data) return <LoadState loading={loading || programs.loading} error={error ?? programs.error} onRetry={() => { reload(); programs.reload(); }} />;
  const programName = new Map(programs.data.map((p) => [p.id, p.name]));

  return (
    <section className="card">
      <div className="card__header">
        <div>
          <h2>{t('batches.title')}</h2>
          <p className="muted">{t('batches.intro')}</p>
        </div>
        {!adding && <button type="button" className="button button--primary" onClick={() => { setAdding(true); setCreated(null); }}>{t('batches.add')}</button>}
      </div>
      {adding && <BatchForm programs={programs.data} onDone={(id) => { setAdding(false); if (id) { setCreated(id); reload(); } }} />}
      {created && <Alert kind="success">{t('batches.created')}</Alert>}
      {data.length === 0 ? <p className="muted">{t('batches.none')}</p> : (
        <div className="table-wrap">
          <table className="table" data-testid="batches-table">
            <thead>
              <tr><th>{t('batches.created_at')}</th><th>{t('card.program')}</th><th>{t('card.tier')}</th><th>{t('batches.count')}</th><th>{t('batches.numbers')}</th><th>{t('batches.print')}</th></tr>
            </thead>
            <tbody>
              {data.map((b) => (
                <tr key={b.id} className={b.id === created ? 'row--highlight' : undefined}>
                  <td className="nowrap">{fmt.dateTime(b.createdAt)}</td>
                  <td><bdi>{programName.get(b.programId) ?? '—'}</bdi></td>
                  <td>{tierName(programs.data, b.programId, b.tier)}</td>
                  <td className="num">{fmt.number(b.count)}</td>
                  <td><span dir="ltr" className="mono small">{b.firstNumber} … {b.lastNumber}</span></td>
                  <td>
                    <div className="sheet-links">
                      {sheets(b.count).map((s) => (
                        <a key={s.offset} className="button button--small" href={`/api/card-batches/${b.id}/sheet.pdf?offset=${s.offset}&count=${s.count}`} target="_blank" rel="noreferrer" data-testid="batch-pdf">
                          {sheets(b.count).length === 1 ? t('batches.pdf') : t('batches.pdfPart', { from: fmt.number(s.offset + 1), to: fmt.number(s.offset + s.count) })}
                        </a>
                      ))}
                      <Link className="button button--small" to={`/cards?batch=${b.id}`}>{t('batches.cards')}</Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function sheets(count: number): { offset: number; count: number }[] {
  const out: { offset: number; count: number }[] = [];
  for (let offset = 0; offset < count; offset += SHEET_MAX) out.push({ offset, count: Math.min(SHEET_MAX, count - offset) });
  return out;
}

type Programs = NonNullable<ReturnType<typeof usePrograms>['data']>;

function BatchForm({ programs, onDone }: { programs: Programs; onDone(id: string | null): void }) {
  const { t } = useTranslation('cards');
  const active = programs.filter((p) => !p.archived);
  const [programId, setProgramId] = useState(defaultProgram(programs)?.id ?? '');
  const program = active.find((p) => p.id === programId);
  const tiers = [...(program?.config.tiers ?? [])].sort((a, b) => a.rank - b.rank);
  const [tier, setTier] = useState(tiers[0]?.code ?? '');
  const [count, setCount] = useState('100');
  const submit = useAreaSubmit('cards', ['programId', 'tier', 'count']);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const n = parseInteger(count);
    if (n === null || n < 1 || n > 100_000) {
      submit.setFieldError('count', t('batches.countHint'));
      return;
    }
    await submit.run(async () => {
      const batch = await unwrap(api.POST('/api/card-batches', { body: { programId, tier, count: n } }));
      onDone(batch.id);
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3>{t('batches.addTitle')}</h3>
      <div className="form__grid">
        {active.length > 1 && (
          <Field label={t('card.program')} error={submit.fieldError('programId')}>
            <select value={programId} onChange={(e) => { setProgramId(e.target.value); setTier(''); }}>
              {active.map((p) => <option key={p.id} value={p.id}>{isolate(p.name)}</option>)}
            </select>
          </Field>
        )}
        <Field label={t('card.tier')} error={submit.fieldError('tier')}>
          <select value={tier} onChange={(e) => setTier(e.target.value)}>
            {tiers.map((x) => <option key={x.code} value={x.code}>{x.name}</option>)}
          </select>
        </Field>
        <Field label={t('batches.count')} error={submit.fieldError('count')} hint={t('batches.countHint')}>
          <input inputMode="numeric" dir="ltr" value={count} onChange={(e) => setCount(e.target.value)} autoFocus />
        </Field>
      </div>
      {submit.formError && <Alert kind="error">{submit.formError}</Alert>}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={submit.busy || !tier}>{t('batches.submit')}</button>
        <button type="button" className="button" onClick={() => onDone(null)}>{t('common.cancel', { ns: 'translation' })}</button>
      </div>
    </form>
  );
}
