// The top of a profile: names in both scripts, birthday, main contacts, tags, manager and, per channel,
// whether the customer agreed to be contacted.
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { Alert } from '../../../components/Alert';
import { useFormat } from '../../../components/useFormat';
import { ageOf, formatDay, latinName } from '../common/format';
import { useStaff } from '../common/staff';
import { CHANNELS } from '../common/types';
import { useProfile } from './context';

export function ProfileHeader() {
  const { t } = useTranslation('customers');
  const { locale } = useFormat();
  const { customer: c, consent } = useProfile();
  const staff = useStaff();
  const location = useLocation();
  const mergedFrom = (location.state as { mergedFrom?: string } | null)?.mergedFrom;
  const latin = latinName(c);
  const age = c.birthDate ? ageOf(c.birthDate) : null;
  const granted = new Map((consent?.current ?? []).map((x) => [x.channel, x.granted]));

  return (
    <header className="card cust-header" data-testid="customer-header">
      {mergedFrom && <Alert kind="info">{t('profile.mergedInto')}</Alert>}
      {c.erased && <Alert kind="warning">{t('profile.erased')}</Alert>}
      <div className="cust-header__main">
        <div className="cust-avatar" aria-hidden="true">{initials(c.displayName)}</div>
        <div className="cust-header__names">
          <h1 data-testid="customer-name"><bdi>{c.displayName}</bdi></h1>
          {latin && <p className="muted cust-header__latin"><span dir="ltr">{latin}</span></p>}
          <p className="cust-header__facts">
            <span className="badge">{t(`kinds.${c.kind}`)}</span>
            {c.birthDate && (
              <span>{formatDay(c.birthDate, locale, 'long')}{age !== null && <span className="muted"> · {t('profile.age', { count: age })}</span>}</span>
            )}
            {c.phones[0] && <span dir="ltr">{c.phones[0]}</span>}
            {c.emails[0] && <span dir="ltr">{c.emails[0]}</span>}
          </p>
        </div>
      </div>
      <dl className="cust-header__meta">
        <div>
          <dt>{t('fields.manager')}</dt>
          <dd>{c.managerId ? <bdi>{staff.name(c.managerId) ?? t('staff.unknown')}</bdi> : <span className="muted">{t('profile.noManager')}</span>}</dd>
        </div>
        <div>
          <dt>{t('fields.tags')}</dt>
          <dd>{c.tags.length ? c.tags.map((tag) => <span key={tag} className="cust-chip cust-chip--small"><bdi>{tag}</bdi></span>) : <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>{t('profile.consent')}</dt>
          <dd className="cust-consent-summary" data-testid="consent-summary">
            {consent ? CHANNELS.map((ch) => {
              const on = granted.get(ch) === true;
              return (
                <span key={ch} className={on ? 'cust-pill cust-pill--on' : 'cust-pill'} title={on ? t('consent.given') : t('consent.notGiven')}>
                  <span aria-hidden="true">{on ? '✓' : '✕'}</span> {t(`channels.${ch}`)}
                  <span className="sr-only">: {on ? t('consent.given') : t('consent.notGiven')}</span>
                </span>
              );
            }) : <span className="muted">—</span>}
          </dd>
        </div>
      </dl>
    </header>
  );
}

function initials(name: string): string {
  const letters = name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0] ?? '');
  return letters.join('').toLocaleUpperCase();
}
