// The first rows of the file as they would be imported with the current mapping: names split and
// transliterated, phones normalized, dates read, and the problems each row would have.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../components/useFormat';
import { formatDay } from '../common/format';
import type { ImportSession } from '../common/types';
import { useProblemText } from './problems';

export function MappedPreview({ session }: { session: ImportSession }) {
  const { t } = useTranslation('customers');
  const { locale } = useFormat();
  const problem = useProblemText();
  const rows = session.mappedPreview;
  return (
    <section className="card" data-testid="import-preview">
      <h2>{t('import.previewTitle')}</h2>
      <p className="muted">{t('import.previewIntro', { count: rows.length })}</p>
      <div className="table-wrap">
        <table className="table table--compact cust-preview">
          <thead>
            <tr>
              <th>{t('import.line')}</th><th>{t('fields.name')}</th><th>{t('fields.nameLatin')}</th><th>{t('fields.gender')}</th>
              <th>{t('fields.birthDate')}</th><th>{t('fields.phones')}</th><th>{t('fields.emails')}</th><th>{t('import.problemsCol')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const c = r.customer;
              return (
                <tr key={r.line} className={r.errors.length ? 'cust-row-rejected' : undefined}>
                  <td>{r.line}</td>
                  <td><bdi>{[c.familyName, c.givenNames, c.patronymic].filter(Boolean).join(' ') || '—'}</bdi></td>
                  <td><span dir="ltr">{[c.familyNameLatin, c.givenNamesLatin].filter(Boolean).join(' ') || '—'}</span></td>
                  <td>{c.gender ? t(`genders.${c.gender}`) : '—'}</td>
                  <td className="nowrap">{c.birthDate ? formatDay(c.birthDate, locale) : '—'}</td>
                  <td className="nowrap"><span dir="ltr">{c.phones.join(', ') || '—'}</span></td>
                  <td><span dir="ltr">{c.emails.join(', ') || '—'}</span></td>
                  <td className="small">
                    {r.errors.map((p, i) => <div key={`e${i}`} className="cust-problem cust-problem--error">{problem(p)}</div>)}
                    {r.warnings.map((p, i) => <div key={`w${i}`} className="cust-problem">{problem(p)}</div>)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
