// The start of an import: upload a CSV or XLSX file, or paste a table copied from a spreadsheet; below,
// the recent imports with their state.
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { Field } from '../../../components/Field';
import { Forbidden } from '../../../components/Forbidden';
import { useFormat } from '../../../components/useFormat';
import { useLoad } from '../../../components/useLoad';
import { useMe } from '../../../session';
import { canImport } from '../common/can';
import { useForm } from '../common/useForm';

const MAX_BYTES = 100 * 1024 * 1024;

export function ImportStartPage() {
  const { t } = useTranslation('customers');
  const me = useMe();
  if (!canImport(me.staff.role)) return <Forbidden />;
  return (
    <>
      <div className="cust-import-start">
        <UploadCard />
        <PasteCard />
      </div>
      <RecentImports />
      <p className="muted small">{t('import.cliHint')}</p>
    </>
  );
}

function UploadCard() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const form = useForm(['file']);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      form.setFieldError('file', t('import.chooseFile'));
      return;
    }
    if (file.size > MAX_BYTES) {
      form.setFieldError('file', t('import.tooLarge'));
      return;
    }
    await form.run(async () => {
      const session = await unwrap(api.POST('/api/imports', {
        params: { query: { kind: 'customers', fileName: file.name } },
        body: file as unknown as string,
        bodySerializer: (b: unknown) => b as Blob,
        headers: { 'content-type': 'application/octet-stream' },
      }));
      navigate(`/customers/import/${session.id}`);
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h2>{t('import.uploadTitle')}</h2>
      <p className="muted">{t('import.uploadIntro')}</p>
      <Field label={t('import.file')} error={form.fieldError('file')} hint={t('import.fileHint')}>
        <input ref={input} type="file" accept=".csv,.tsv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </Field>
      {form.formError && <Alert kind="error">{form.formError}</Alert>}
      <div className="actions"><button type="submit" className="button button--primary" disabled={form.busy}>{form.busy ? t('import.reading') : t('import.upload')}</button></div>
    </form>
  );
}

function PasteCard() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [header, setHeader] = useState<'auto' | 'yes' | 'no'>('auto');
  const form = useForm(['text', 'header']);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') {
      form.setFieldError('text', t('import.pasteEmpty'));
      return;
    }
    await form.run(async () => {
      const session = await unwrap(api.POST('/api/imports/paste', {
        body: { kind: 'customers', text, ...(header !== 'auto' && { header: header === 'yes' }) },
      }));
      navigate(`/customers/import/${session.id}`);
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h2>{t('import.pasteTitle')}</h2>
      <p className="muted">{t('import.pasteIntro')}</p>
      <Field label={t('import.table')} error={form.fieldError('text')}>
        <textarea className="cust-paste" rows={7} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} dir="auto" data-testid="import-paste" />
      </Field>
      <Field label={t('import.firstRow')} error={form.fieldError('header')}>
        <select value={header} onChange={(e) => setHeader(e.target.value as 'auto' | 'yes' | 'no')}>
          <option value="auto">{t('import.headerAuto')}</option>
          <option value="yes">{t('import.headerYes')}</option>
          <option value="no">{t('import.headerNo')}</option>
        </select>
      </Field>
      {form.formError && <Alert kind="error">{form.formError}</Alert>}
      <div className="actions"><button type="submit" className="button button--primary" disabled={form.busy}>{t('import.readTable')}</button></div>
    </form>
  );
}

function RecentImports() {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const loader = useCallback(async () => (await unwrap(api.GET('/api/imports', { params: { query: { limit: 10 } } }))).items, []);
  const { data } = useLoad(loader);
  if (!data || data.length === 0) return null;
  return (
    <section className="card">
      <h2>{t('import.recent')}</h2>
      <div className="table-wrap">
        <table className="table table--compact">
          <thead><tr><th>{t('import.when')}</th><th>{t('import.source')}</th><th>{t('import.rows')}</th><th>{t('import.state')}</th><th>{t('import.result')}</th></tr></thead>
          <tbody>
            {data.filter((i) => i.kind === 'customers').map((i) => (
              <tr key={i.id}>
                <td className="nowrap"><Link to={`/customers/import/${i.id}`}>{fmt.dateTime(i.createdAt)}</Link></td>
                <td>{i.origin === 'paste' ? t('import.pasted') : <bdi>{i.fileName ?? t('import.fileNoName')}</bdi>}</td>
                <td>{fmt.number(i.rowsTotal)}</td>
                <td><span className={i.status === 'done' ? 'badge badge--ok' : i.status === 'failed' ? 'badge badge--danger' : 'badge'}>{t(`import.status.${i.status}`)}</span></td>
                <td className="small">{i.report?.kind === 'customers' ? t('import.resultShort', { created: fmt.number(i.report.created), updated: fmt.number(i.report.updated), rejected: fmt.number(i.report.rejected) }) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
