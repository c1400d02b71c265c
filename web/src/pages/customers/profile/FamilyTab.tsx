// Family and occasions: spouse, children and their birthdays, other relations, a company's contact
// persons, and dates worth a greeting (anniversaries, name days).
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { Alert } from '../../../components/Alert';
import { LoadState } from '../../../components/LoadState';
import { useFormat } from '../../../components/useFormat';
import { useLoad } from '../../../components/useLoad';
import { useMe } from '../../../session';
import { canWrite } from '../common/can';
import { useErrorText } from '../common/errors';
import { ageOf, formatDay, formatMonthDay } from '../common/format';
import type { Occasion, Relation } from '../common/types';
import { useProfile } from './context';
import { OccasionForm, RelationForm } from './FamilyForms';
import { Section } from './Section';

/** How a relation reads from this profile's side: an incoming "child" is this customer's parent. */
const INVERSE: Record<Relation['kind'], string> = {
  spouse: 'spouse', partner: 'partner', child: 'parent', parent: 'child', sibling: 'sibling', contact_person: 'employer', other: 'other',
};

export function FamilyTab() {
  const { t } = useTranslation('customers');
  const fmt = useFormat();
  const me = useMe();
  const errorText = useErrorText();
  const { customer, readOnly } = useProfile();
  const id = customer.id;
  const loader = useCallback(async () => {
    const [relations, occasions] = await Promise.all([
      unwrap(api.GET('/api/customers/{id}/relations', { params: { path: { id } } })),
      unwrap(api.GET('/api/customers/{id}/occasions', { params: { path: { id } } })),
    ]);
    return { relations: relations.items, occasions: occasions.items };
  }, [id]);
  const { data, error, loading, reload } = useLoad(loader);
  const [adding, setAdding] = useState<'relation' | 'occasion' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const editable = canWrite(me.staff.role) && !readOnly;

  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;

  const remove = async (what: 'relation' | 'occasion', itemId: string) => {
    setActionError(null);
    try {
      if (what === 'relation') await unwrap(api.DELETE('/api/customer-relations/{id}', { params: { path: { id: itemId } } }));
      else await unwrap(api.DELETE('/api/customer-occasions/{id}', { params: { path: { id: itemId } } }));
      reload();
    } catch (e) {
      setActionError(errorText(e));
    }
  };
  const done = (saved: boolean) => {
    setAdding(null);
    if (saved) reload();
  };
  const relationLabel = (r: Relation) => t(`family.kinds.${r.direction === 'incoming' ? INVERSE[r.kind] : r.kind}`);
  const who = (r: Relation) => r.other
    ? <Link to={`/customers/${r.other.id}`}><bdi>{r.other.displayName}</bdi></Link>
    : <bdi>{r.name ?? '—'}</bdi>;

  return (
    <>
      {actionError && <Alert kind="error">{actionError}</Alert>}
      <Section title={customer.kind === 'company' ? t('family.titleCompany') : t('family.title')} intro={customer.kind === 'company' ? t('family.introCompany') : t('family.intro')}
        action={editable && adding === null && <button type="button" className="button" onClick={() => setAdding('relation')}>{t('family.add')}</button>}>
        {adding === 'relation' && <RelationForm onDone={done} />}
        {data.relations.length === 0 ? <p className="muted">{t('family.none')}</p> : (
          <ul className="list">
            {data.relations.map((r) => {
              const birth = r.birthDate ?? null;
              const age = birth ? ageOf(birth) : null;
              return (
                <li key={r.id} className="list__item">
                  <div>
                    <span className="badge">{relationLabel(r)}</span> {who(r)}
                    {r.role && <span className="muted"> · <bdi>{r.role}</bdi></span>}
                    {birth && <span className="muted"> · {formatDay(birth, fmt.locale, 'long')}{age !== null && ` (${t('profile.age', { count: age })})`}</span>}
                    {r.note && <div className="muted small"><bdi>{r.note}</bdi></div>}
                  </div>
                  {editable && <button type="button" className="button button--small button--danger-outline" onClick={() => void remove('relation', r.id)}>{t('actions.remove')}</button>}
                </li>
              );
            })}
          </ul>
        )}
      </Section>
      <Section title={t('occasions.title')} intro={t('occasions.intro')}
        action={editable && adding === null && <button type="button" className="button" onClick={() => setAdding('occasion')}>{t('occasions.add')}</button>}>
        {adding === 'occasion' && <OccasionForm onDone={done} />}
        <ul className="list">
          {customer.birthDate && (
            <li className="list__item"><span><span className="badge">{t('occasions.birthday')}</span> {formatDay(customer.birthDate, fmt.locale, 'long')}</span></li>
          )}
          {data.occasions.map((o: Occasion) => (
            <li key={o.id} className="list__item">
              <span>
                <span className="badge">{t(`occasions.kinds.${o.kind}`)}</span> {o.year ? formatDay(`${o.year}-${String(o.month).padStart(2, '0')}-${String(o.day).padStart(2, '0')}`, fmt.locale, 'long') : formatMonthDay(o.month, o.day, fmt.locale)}
                {o.label && <span className="muted"> · <bdi>{o.label}</bdi></span>}
              </span>
              {editable && <button type="button" className="button button--small button--danger-outline" onClick={() => void remove('occasion', o.id)}>{t('actions.remove')}</button>}
            </li>
          ))}
        </ul>
        {!customer.birthDate && data.occasions.length === 0 && <p className="muted">{t('occasions.none')}</p>}
      </Section>
    </>
  );
}
