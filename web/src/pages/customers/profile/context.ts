// What every tab of a profile shares: the customer as last loaded or saved, and the consent summary.
import { createContext, useContext } from 'react';
import type { Consent, Customer } from '../common/types';

export interface ProfileValue {
  customer: Customer;
  /** After a tab saved the profile: the header and other tabs follow. */
  setCustomer(customer: Customer): void;
  consent: Consent | null;
  setConsent(consent: Consent): void;
  /** The profile cannot be changed any more (erased). */
  readOnly: boolean;
}

export const ProfileContext = createContext<ProfileValue | null>(null);

export function useProfile(): ProfileValue {
  const value = useContext(ProfileContext);
  if (!value) throw new Error('useProfile outside a customer page');
  return value;
}
