// Staff accounts: the owner adds people, changes roles and status, and sets new passwords;
// a manager sees the list only.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Staff } from '../../api/client';
import { Alert } from '../../components/Alert';
import { LoadState } from '../../components/LoadState';
import { useFormat } from '../../components/useFormat';
import { useLoad } from '../../components/useLoad';
import { languageName } from '../../format';
import { canManageStaff } from '../../permissions';
import { useMe, useSession } from '../../session';
import { EditStaffForm, NewStaffForm, ResetPasswordForm } from './StaffForms';

type Editing = { kind: 'new' } | { kind: 'edit' | 'password'; member: Staff } | null;

export function StaffPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { setMe } = useSession();
  const fmt = useFormat();
  const manage = canManageStaff(me.staff.role);
  const loader = useCallback(async () => (await unwrap(api.GET('/api/staff'))).items, []);
  const { data, error, loading, reload } = useLoad(loader);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!data) return <LoadState loading={loading} error={error} onRetry={reload} />;

  const done = (saved: Staff | null) => {
    if (saved) {
      if (saved.id === me.staff.id) setMe({ ...me, staff: saved });
      setNotice(editing?.kind === 'password' ? t('staff.passwordSet', { name: saved.name }) : t('common.saved'));
      reload();
    }
    setEditing(null);
  };
  const open = (next: Editing) => {
    setNotice(null);
    setEditing(next);
  };

  return (
    <section className="card">
      <div className="card__header">
        <div>
          <h2>{t('staff.title')}</h2>
          <p className="muted">{manage ? t('staff.intro') : t('staff.readOnly')}</p>
        </div>
        {manage && editing === null && <button type="button" className="button button--primary" onClick={() => open({ kind: 'new' })}>{t('staff.add')}</button>}
      </div>
      {editing?.kind === 'new' && <NewStaffForm onDone={done} />}
      {editing?.kind === 'edit' && <EditStaffForm key={editing.member.id} member={editing.member} onDone={done} />}
      {editing?.kind === 'password' && <ResetPasswordForm key={editing.member.id} member={editing.member} onDone={done} />}
      {notice && <Alert kind="success">{notice}</Alert>}
      <div className="table-wrap">
        <table className="table" data-testid="staff-table">
          <thead>
            <tr>
              <th>{t('staff.person')}</th><th>{t('staff.role')}</th>
              <th>{t('staff.language')}</th><th>{t('common.status')}</th><th>{t('staff.since')}</th>
              {manage && <th><span className="sr-only">{t('common.actions')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <tr key={s.id} className={s.active ? undefined : 'row--inactive'}>
                <td>
                  <bdi>{s.name}</bdi>{s.id === me.staff.id && <span className="muted small"> ({t('staff.you')})</span>}
                  <div className="muted small"><bdi dir="ltr">{s.email}</bdi></div>
                </td>
                <td><span className={`badge badge--${s.role}`}>{t(`roles.${s.role}`)}</span></td>
                <td>{s.locale ? languageName(s.locale, fmt.locale) : <span className="muted">{t('staff.organizationLanguage')}</span>}</td>
                <td><span className={s.active ? 'badge badge--ok' : 'badge'}>{s.active ? t('common.active') : t('common.inactive')}</span></td>
                <td className="nowrap">{fmt.date(s.createdAt)}</td>
                {manage && (
                  <td className="cell--actions">
                    <button type="button" className="button button--small" onClick={() => open({ kind: 'edit', member: s })}>{t('common.edit')}</button>
                    <button type="button" className="button button--small" onClick={() => open({ kind: 'password', member: s })}>{t('staff.resetPassword')}</button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
