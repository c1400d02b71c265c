// How the file was read (format, encoding, delimiter, header row, sheet), with the means to read it again
// differently when the guess was wrong — garbled letters mean another encoding.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { useFormat } from '../../../components/useFormat';
import { useErrorText } from '../common/errors';
import type { ImportSession } from '../common/types';

const ENCODINGS = ['utf-8', 'windows-1251', 'koi8-r', 'ibm866', 'windows-1252', 'iso-8859-5', 'windows-1256', 'utf-16le'];
const DELIMITERS: [string, string][] = [[',', 'comma'], [';', 'semicolon'], ['\t', 'tab'], ['|', 'pipe']];

export function SourceSettings({ session: s, onChange }: { session: ImportSession; onChange(s: ImportSession): void }) {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reread = async (body: { encoding?: string; delimiter?: string; header?: boolean; sheet?: string }) => {
    setBusy(true);
    setError(null);
    try {
      onChange(await unwrap(api.PUT('/api/imports/{id}/source', { params: { path: { id: s.id } }, body: { ...body, ...(body.delimiter === '\t' && { delimiter: '\\t' }) } })));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const csv = s.format === 'csv';
  return (
    <section className="card cust-source">
      <div className="cust-source__row">
        <span><span className="muted">{t('import.format')}:</span> {s.format.toUpperCase()}{s.origin === 'file' && <span className="muted"> · {fmt.number(Math.ceil(s.fileSize / 1024))} KB</span>}</span>
        {csv && s.origin === 'file' && (
          <label className="cust-inline-field">
            <span className="muted">{t('import.encoding')}:</span>
            <select disabled={busy} value={s.encoding ?? ''} onChange={(e) => void reread({ encoding: e.target.value })}>
              {[...new Set([s.encoding ?? 'utf-8', ...ENCODINGS])].map((enc) => <option key={enc} value={enc}>{enc}</option>)}
            </select>
            {s.encodingDetectedBy && s.encodingDetectedBy !== 'forced' && <span className="muted small">({t('import.detected')})</span>}
          </label>
        )}
        {csv && (
          <label className="cust-inline-field">
            <span className="muted">{t('import.delimiter')}:</span>
            <select disabled={busy} value={s.delimiter ?? ','} onChange={(e) => void reread({ delimiter: e.target.value })}>
              {DELIMITERS.map(([d, name]) => <option key={name} value={d}>{t(`import.delimiters.${name}`)}</option>)}
              {s.delimiter && !DELIMITERS.some(([d]) => d === s.delimiter) && <option value={s.delimiter}>{s.delimiter}</option>}
            </select>
          </label>
        )}
        {s.sheets.length > 1 && (
          <label className="cust-inline-field">
            <span className="muted">{t('import.sheet')}:</span>
            <select disabled={busy} value={s.sheet ?? ''} onChange={(e) => void reread({ sheet: e.target.value })}>
              {s.sheets.map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
          </label>
        )}
        <label className="checkbox">
          <input type="checkbox" disabled={busy} checked={s.hasHeader} onChange={(e) => void reread({ header: e.target.checked })} data-testid="import-has-header" />
          {t('import.hasHeader')}
        </label>
      </div>
      {error && <Alert kind="error">{error}</Alert>}
    </section>
  );
}
