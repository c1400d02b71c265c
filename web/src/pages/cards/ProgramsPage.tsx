// The organization's loyalty programs: which is the default, its card types at a glance, its mechanics.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LoadState } from '../../components/LoadState';
import { formatBp } from '../../components/percent';
import { useFormat } from '../../components/useFormat';
import { useMe } from '../../session';
import { can } from './access';
import type { Program } from './program-draft';
import { usePrograms } from './programs-data';

export function ProgramsPage() {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const { staff } = useMe();
  const { data, error, loading, reload } = usePrograms();
  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;
  const pct = (bp: number) => formatBp(bp, fmt.locale);
  const mechanics = (p: Program) => [
    p.config.cumulative && t('mechanics.cumulative'),
    p.config.club && t('mechanics.club'),
    p.config.points && t('mechanics.points'),
    p.config.tierRules && t('mechanics.tierRules'),
    p.config.marginGuard && t('mechanics.marginGuard'),
  ].filter(Boolean).join(' · ');
  return (
    <section className="card">
      <div className="card__header">
        <div>
          <h2>{t('programs.title')}</h2>
          <p className="muted">{t('programs.intro')}</p>
        </div>
        {can(staff.role, 'programs.manage') && <Link to="/cards/programs/new" className="button button--primary">{t('programs.create')}</Link>}
      </div>
      {data.length === 0 ? <p className="muted">{t('programs.none')}</p> : (
        <div className="table-wrap">
          <table className="table" data-testid="programs-table">
            <thead><tr><th>{t('programs.name')}</th><th>{t('programs.tiers')}</th><th>{t('programs.mechanics')}</th><th>{t('programs.versionCol')}</th><th>{t('programs.updated')}</th></tr></thead>
            <tbody>
              {data.map((p) => (
                <tr key={p.id} className={p.archived ? 'row--inactive' : undefined}>
                  <td>
                    <Link to={`/cards/programs/${p.id}`}><bdi>{p.name}</bdi></Link>{' '}
                    {p.isDefault && <span className="badge badge--ok">{t('programs.default')}</span>}
                    {p.archived && <span className="badge">{t('programs.archived')}</span>}
                  </td>
                  <td>
                    <ul className="tier-chips">
                      {[...p.config.tiers].sort((a, b) => a.rank - b.rank).map((x) => (
                        <li key={x.code} className="chip"><bdi>{x.name}</bdi> <span className="muted">{pct(x.discountBp)} / {pct(x.earnBp)}</span></li>
                      ))}
                    </ul>
                  </td>
                  <td>{mechanics(p) || '—'}</td>
                  <td className="num">{fmt.number(p.version)}</td>
                  <td className="nowrap">{fmt.date(p.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t('programs.tierLegend')}</p>
        </div>
      )}
    </section>
  );
}
