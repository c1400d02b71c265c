// Every configuration a program had, newest first, each with what changed against the one before it;
// an older configuration can be brought back into the editor (saving it makes a new version).
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { LoadState } from '../../components/LoadState';
import { useFormat } from '../../components/useFormat';
import { formatBp } from '../../components/percent';
import { useLoad } from '../../components/useLoad';
import { formatMoney, formatNumber } from '../../format';
import type { ProgramConfig } from './program-draft';

interface Props { programId: string; current: number; onRestore(config: ProgramConfig, version: number): void }

export function VersionsSection({ programId, current, onRestore }: Props) {
  const { t } = useTranslation('cards');
  const fmt = useFormat();
  const loader = useCallback(async () => {
    const [versions, staff] = await Promise.all([
      unwrap(api.GET('/api/loyalty/programs/{id}/versions', { params: { path: { id: programId } } })),
      unwrap(api.GET('/api/staff')).catch(() => ({ items: [] })),
    ]);
    return { versions: versions.items, names: new Map(staff.items.map((s) => [s.id, s.name])) };
  }, [programId]);
  const { data, error, loading, reload } = useLoad(loader);
  const [open, setOpen] = useState<number | null>(null);

  return (
    <section className="card" data-testid="versions">
      <div>
        <h2>{t('versions.title')}</h2>
        <p className="muted">{t('versions.intro')}</p>
      </div>
      {!data ? <LoadState loading={loading} error={error} onRetry={reload} /> : (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead><tr><th>{t('versions.version')}</th><th>{t('versions.when')}</th><th>{t('versions.who')}</th><th>{t('versions.changes')}</th><th><span className="sr-only">{t('common.actions', { ns: 'translation' })}</span></th></tr></thead>
            <tbody>
              {data.versions.map((v, i) => {
                const previous = data.versions[i + 1];
                const changes = previous ? diffConfigs(previous.config, v.config) : [];
                const shown = open === v.version ? changes : changes.slice(0, 3);
                return (
                  <tr key={v.version}>
                    <td className="nowrap">
                      {fmt.number(v.version)}
                      {v.version === current && <> <span className="badge badge--ok">{t('versions.current')}</span></>}
                    </td>
                    <td className="nowrap">{fmt.dateTime(v.createdAt)}</td>
                    <td>{v.createdBy ? <bdi>{data.names.get(v.createdBy) ?? '—'}</bdi> : t('versions.system')}</td>
                    <td>
                      {!previous ? <span className="muted">{t('versions.first')}</span> : changes.length === 0 ? <span className="muted">{t('versions.noChanges')}</span> : (
                        <ul className="change-list">
                          {shown.map((c) => (
                            <li key={c.path}>
                              <code dir="ltr">{c.path}</code>: <span dir="ltr">{show(c.before, c.path, v.config.currency, fmt.locale, t('versions.none'))} → {show(c.after, c.path, v.config.currency, fmt.locale, t('versions.none'))}</span>
                            </li>
                          ))}
                          {changes.length > 3 && (
                            <li>
                              <button type="button" className="link-button" onClick={() => setOpen(open === v.version ? null : v.version)}>
                                {open === v.version ? t('versions.less') : t('versions.more', { count: changes.length - 3 })}
                              </button>
                            </li>
                          )}
                        </ul>
                      )}
                    </td>
                    <td className="cell--actions">
                      {v.version !== current && <button type="button" className="button button--small" onClick={() => onRestore(v.config, v.version)}>{t('versions.restore')}</button>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface Change { path: string; before: unknown; after: unknown }

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) out.set(prefix, Array.isArray(value) ? '[]' : '{}');
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, value);
  }
}

/** Leaf values that differ between two configurations, by path. */
export function diffConfigs(before: ProgramConfig, after: ProgramConfig): Change[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.filter((p) => a.get(p) !== b.get(p)).map((p) => ({ path: p, before: a.get(p), after: b.get(p) }));
}

/** A changed value in its unit: basis points as percent, amounts as money. */
function show(value: unknown, path: string, currency: string, locale: string, none: string): string {
  if (value === undefined || value === null) return none;
  if (typeof value !== 'number') return String(value);
  const leaf = path.split('.').pop() ?? '';
  if (/Bp$/.test(leaf) || /(groupEarnBp|groupMaxDiscountBp)\./.test(path)) return formatBp(value, locale);
  if (/^(minAmount|amount)$/.test(leaf) || path === 'points.rate.minor') {
    try { return formatMoney(value, currency, locale); } catch { return String(value); }
  }
  return formatNumber(value, locale);
}
