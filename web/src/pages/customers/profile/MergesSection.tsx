// Possible duplicates of this customer and the merges the profile took part in (with undo).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { useFormat } from '../../../components/useFormat';
import { useLoad } from '../../../components/useLoad';
import { useMe } from '../../../session';
import { canSupervise } from '../common/can';
import { useStaff } from '../common/staff';
import { mergeHref } from '../duplicates/links';
import { useProfile } from './context';
import { Section } from './Section';

export function MergesSection() {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const me = useMe();
  const staff = useStaff();
  const { customer } = useProfile();
  const id = customer.id;
  const loader = useCallback(async () => {
    const [duplicates, merges] = await Promise.all([
      unwrap(api.GET('/api/duplicates', { params: { query: { customerId: id, status: 'open', limit: 20 } } })),
      unwrap(api.GET('/api/customers/{id}/merges', { params: { path: { id } } })),
    ]);
    return { duplicates: duplicates.items, merges: merges.items };
  }, [id]);
  const { data } = useLoad(loader);
  if (!data || (data.duplicates.length === 0 && data.merges.length === 0)) return null;
  const supervise = canSupervise(me.staff.role);

  return (
    <Section title={t('profile.mergesTitle')}>
      {data.duplicates.length > 0 && (
        <ul className="list">
          {data.duplicates.map((d) => {
            const other = d.a.id === id ? d.b : d.a;
            return (
              <li key={d.id} className="list__item">
                <span>
                  {t('profile.possibleDuplicate')}: <Link to={`/customers/${other.id}`}><bdi>{other.displayName}</bdi></Link>
                  <span className="muted"> · {t('duplicates.score', { score: d.score })}</span>
                </span>
                {supervise && <Link className="button button--small" to={mergeHref(id, other.id, d.id)}>{t('duplicates.compare')}</Link>}
              </li>
            );
          })}
        </ul>
      )}
      {data.merges.length > 0 && (
        <ul className="list">
          {data.merges.map((m) => (
            <li key={m.id} className="list__item">
              <span>
                {m.survivorId === id ? t('profile.absorbed') : t('profile.wasMergedInto')}
                {' · '}{fmt.dateTime(m.at)}
                {m.staffId && <> · <bdi>{staff.name(m.staffId) ?? t('staff.unknown')}</bdi></>}
                {m.undoneAt && <span className="badge">{t('merge.undone')}</span>}
              </span>
              <Link className="button button--small" to={`/customers/merges/${m.id}`}>{t('merge.open')}</Link>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
