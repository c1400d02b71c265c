// Customer tables as Kysely sees them (migrations/202611220100_customers_core.sql).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CustomersTable {
  id: string;
  organization_id: string;
  kind: Generated<'person' | 'company'>;
  family_name: string | null;
  given_names: string | null;
  patronymic: string | null;
  family_name_latin: string | null;
  given_names_latin: string | null;
  company_name: string | null;
  display_name: string;
  gender: 'female' | 'male' | 'other' | null;
  birth_date: string | null;
  preferred_language: string | null;
  preferred_channel: 'email' | 'sms' | 'messenger' | 'phone' | 'post' | null;
  manager_id: string | null;
  source: string | null;
  notes: string | null;
  tags: Generated<string[]>;
  external_id: string | null;
  search_keys: Generated<string>;
  erased_at: Date | null;
  merged_into_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerContactsTable {
  id: string;
  organization_id: string;
  customer_id: string;
  kind: 'phone' | 'email' | 'messenger' | 'address';
  value: string;
  raw: string | null;
  label: string | null;
  is_primary: Generated<boolean>;
  created_at: Timestamp;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    customers: CustomersTable;
    customer_contacts: CustomerContactsTable;
  }
}
