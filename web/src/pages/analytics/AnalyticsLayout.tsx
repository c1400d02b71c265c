// Analytics: a tab per group of measures, and the filters every measure on the page follows (period,
// outlet, customer tag). Tabs keep the filters, which live in the address.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { isolate } from '../../bidi';
import { useLoad } from '../../components/useLoad';
import { useMe } from '../../session';
import { defaultRange, PRESETS, presetRange, useFilters, type Preset } from './filters';

export const ANALYTICS_PAGES = ['customers', 'ladder', 'retention', 'cohorts', 'behaviour', 'value', 'dependence', 'economics'] as const;

export function AnalyticsLayout() {
  const { t } = useTranslation('analytics');
  const { search } = useLocation();
  return (
    <div className="page page--wide analytics">
      <header className="page__header">
        <h1>{t('title')}</h1>
      </header>
      <FilterBar />
      <nav className="tabs" aria-label={t('title')}>
        {ANALYTICS_PAGES.map((p) => <NavLink key={p} to={{ pathname: `/analytics/${p}`, search }} className="tabs__tab">{t(`pages.${p}`)}</NavLink>)}
      </nav>
      <Outlet />
    </div>
  );
}

function FilterBar() {
  const { t } = useTranslation('analytics');
  const [filters, setFilters] = useFilters();
  const outlets = useLoad(useCallback(async () => (await unwrap(api.GET('/api/outlets'))).items, []));
  const { organization } = useMe();
  const [tag, setTag] = useState(filters.tag);
  const preset = (p: Preset) => setFilters(presetRange(p, organization.timeZone));
  const current = PRESETS.find((p) => {
    const r = presetRange(p, organization.timeZone);
    return r.from === filters.from && r.to === filters.to;
  });
  // Empty filters mean the server's default period; the inputs show it.
  const fallback = defaultRange(organization.timeZone);
  const from = filters.from || (filters.to ? '' : fallback.from);
  const to = filters.to || (filters.from ? '' : fallback.to);
  const onTag = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ tag: tag.trim() });
  };
  return (
    <section className="card analytics-filters" aria-label={t('filters.label')}>
      <div className="segmented segmented--small" role="group" aria-label={t('filters.presets')}>
        {PRESETS.map((p) => (
          <button key={p} type="button" aria-pressed={current === p} className={current === p ? 'segmented__item segmented__item--on' : 'segmented__item'} onClick={() => preset(p)}>{t(`filters.preset.${p}`)}</button>
        ))}
      </div>
      <div className="analytics-filters__fields">
        <div className="field">
          <label htmlFor="an-from">{t('filters.from')}</label>
          <input id="an-from" type="date" value={from} max={to || undefined} onChange={(e) => setFilters({ from: e.target.value, to })} />
        </div>
        <div className="field">
          <label htmlFor="an-to">{t('filters.to')}</label>
          <input id="an-to" type="date" value={to} min={from || undefined} onChange={(e) => setFilters({ to: e.target.value, from })} />
        </div>
        <div className="field">
          <label htmlFor="an-outlet">{t('filters.outlet')}</label>
          <select id="an-outlet" value={filters.outletId} onChange={(e) => setFilters({ outletId: e.target.value })}>
            <option value="">{t('filters.allOutlets')}</option>
            {outlets.data?.map((o) => <option key={o.id} value={o.id}>{isolate(o.name)}</option>)}
          </select>
        </div>
        <form className="field" onSubmit={onTag}>
          <label htmlFor="an-tag">{t('filters.tag')}</label>
          <input id="an-tag" dir="auto" value={tag} onChange={(e) => setTag(e.target.value)} onBlur={() => { if (tag.trim() !== filters.tag) setFilters({ tag: tag.trim() }); }} placeholder={t('filters.anyTag')} />
        </form>
      </div>
    </section>
  );
}
