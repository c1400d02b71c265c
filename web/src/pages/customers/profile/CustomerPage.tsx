// One customer's file: a header with who they are, and a tab per part of the file.
import { useCallback, useEffect, useMemo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate, useParams } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { LoadState } from '../../../components/LoadState';
import { NotFoundPage } from '../../NotFoundPage';
import { useLoad } from '../../../components/useLoad';
import { useMe } from '../../../session';
import { canSupervise } from '../common/can';
import type { Consent, Customer } from '../common/types';
import { ConsentTab } from './ConsentTab';
import { ProfileContext } from './context';
import { ContactsTab } from './ContactsTab';
import { DetailsTab } from './DetailsTab';
import { DocumentsTab } from './DocumentsTab';
import { FamilyTab } from './FamilyTab';
import { InteractionsTab } from './InteractionsTab';
import { LoyaltyTab } from './LoyaltyTab';
import { PreferencesTab } from './PreferencesTab';
import { PrivacyTab } from './PrivacyTab';
import { ProfileHeader } from './ProfileHeader';
import { QuestionnairesTab } from './QuestionnairesTab';
import { TimelineTab } from './TimelineTab';

const TABS = ['details', 'contacts', 'family', 'preferences', 'documents', 'questionnaires', 'consent', 'interactions', 'timeline', 'loyalty', 'privacy'] as const;
type Tab = (typeof TABS)[number];

const CONTENT: Record<Tab, () => ReactElement> = {
  details: DetailsTab, contacts: ContactsTab, family: FamilyTab, preferences: PreferencesTab, documents: DocumentsTab,
  questionnaires: QuestionnairesTab, consent: ConsentTab, interactions: InteractionsTab, timeline: TimelineTab,
  loyalty: LoyaltyTab, privacy: PrivacyTab,
};

interface Loaded { customer: Customer; consent: Consent | null }

export function CustomerPage() {
  const { t } = useTranslation('customers');
  const { id = '', tab = 'details' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const loader = useCallback(async (): Promise<Loaded> => {
    const [customer, consent] = await Promise.all([
      unwrap(api.GET('/api/customers/{id}', { params: { path: { id } } })),
      unwrap(api.GET('/api/customers/{id}/consents', { params: { path: { id } } })).catch(() => null),
    ]);
    return { customer, consent };
  }, [id]);
  const { data, error, loading, reload, set } = useLoad(loader);

  // A merged-away id answers with the profile it was merged into: show that profile under its own address.
  const survivorId = data && data.customer.id !== id ? data.customer.id : null;
  useEffect(() => {
    if (survivorId) navigate(`/customers/${survivorId}/${tab}`, { replace: true, state: { mergedFrom: id } });
  }, [survivorId, id, tab, navigate]);

  const value = useMemo(() => data && {
    customer: data.customer,
    setCustomer: (customer: Customer) => set({ ...data, customer }),
    consent: data.consent,
    setConsent: (consent: Consent) => set({ ...data, consent }),
    readOnly: data.customer.erased,
  }, [data, set]);

  if (!(TABS as readonly string[]).includes(tab)) return <NotFoundPage />;
  if (!value || survivorId) return <div className="page"><LoadState loading={loading} error={error} onRetry={reload} /></div>;
  const visible = TABS.filter((k) => k !== 'privacy' || canSupervise(me.staff.role));
  const Content = CONTENT[tab as Tab];

  return (
    <ProfileContext.Provider value={value}>
      <div className="page cust-profile">
        <p className="eyebrow"><Link to="/customers">{t('title')}</Link></p>
        <ProfileHeader />
        <nav className="tabs cust-tabs" aria-label={t('profile.sections')}>
          {visible.map((k) => (
            <NavLink key={k} to={k === 'details' ? `/customers/${id}` : `/customers/${id}/${k}`} end className="tabs__tab">{t(`profile.tabs.${k}`)}</NavLink>
          ))}
        </nav>
        <Content key={`${id}-${tab}`} />
      </div>
    </ProfileContext.Provider>
  );
}
