// Customer tables as Kysely sees them (migrations/202611220100_customers_core.sql and 2026112203*_*.sql).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
// jsonb: pg parses it on the way out; we send JSON text in.
type Json<T> = ColumnType<T, string, string>;

export type Channel = 'email' | 'sms' | 'messenger' | 'phone' | 'post';

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
  preferred_channel: Channel | null;
  manager_id: string | null;
  source: string | null;
  notes: string | null;
  tags: Generated<string[]>;
  external_id: string | null;
  search_keys: Generated<string>;
  erased_at: Date | null;
  merged_into_id: string | null;
  preferences: Generated<string | null>;
  hobbies: Generated<string[]>;
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

export type RelationKind = 'spouse' | 'partner' | 'child' | 'parent' | 'sibling' | 'contact_person' | 'other';

export interface CustomerRelationsTable {
  id: string;
  organization_id: string;
  customer_id: string;
  kind: RelationKind;
  related_customer_id: string | null;
  name: string | null;
  birth_date: string | null;
  role: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface CustomerOccasionsTable {
  id: string;
  organization_id: string;
  customer_id: string;
  kind: 'anniversary' | 'name_day' | 'other';
  label: string | null;
  month: number;
  day: number;
  year: number | null;
  created_at: Timestamp;
}

export type ProfileAction = 'created' | 'updated' | 'merged' | 'merge_undone' | 'erased';

export interface CustomerProfileChangesTable {
  id: string;
  organization_id: string;
  customer_id: string;
  action: ProfileAction;
  changes: Json<Record<string, unknown>>;
  staff_id: string | null;
  api_key_id: string | null;
  at: Timestamp;
}

export type DocumentType = 'passport' | 'foreign_passport' | 'national_id' | 'residence_permit' | 'driving_licence' | 'visa' | 'birth_certificate' | 'other';

export interface CustomerDocumentsTable {
  id: string;
  organization_id: string;
  customer_id: string;
  type: DocumentType;
  number_tail: string;
  number_hmac: Buffer;
  full_hmac: Buffer;
  key_id: string;
  payload: Buffer;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerDocumentsKeyTable {
  singleton: Generated<boolean>;
  key_id: string;
  created_at: Generated<Date>;
}

export type FieldType = 'text' | 'number' | 'date' | 'choice' | 'multi_choice';

export interface CustomerFieldsTable {
  id: string;
  organization_id: string;
  key: string;
  label: string;
  type: FieldType;
  options: Json<string[]>;
  archived: Generated<boolean>;
  created_at: Timestamp;
}

export interface CustomerQuestionnairesTable {
  id: string;
  organization_id: string;
  name: string;
  description: string | null;
  archived: Generated<boolean>;
  created_at: Timestamp;
}

export interface CustomerQuestionnaireFieldsTable {
  organization_id: string;
  questionnaire_id: string;
  field_id: string;
  position: number;
  required: boolean;
}

export interface CustomerFieldValuesTable {
  id: string;
  organization_id: string;
  customer_id: string;
  field_id: string;
  value: Json<unknown>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface CustomerConsentEventsTable {
  id: string;
  organization_id: string;
  customer_id: string;
  channel: Channel;
  granted: boolean;
  at: Timestamp;
  source: string;
  note: string | null;
  staff_id: string | null;
  api_key_id: string | null;
  recorded_at: Timestamp;
}

export interface CustomerConsentsTable {
  organization_id: string;
  customer_id: string;
  channel: Channel;
  granted: boolean;
  event_id: string;
  at: Timestamp;
}

export interface CustomerComplaintReasonsTable {
  id: string;
  organization_id: string;
  key: string;
  label: string;
  position: Generated<number>;
  archived: Generated<boolean>;
  created_at: Timestamp;
}

export type InteractionKind = 'call' | 'message' | 'meeting' | 'letter' | 'contract' | 'complaint' | 'return' | 'cancellation' | 'note';
export type InteractionChannel = 'phone' | 'email' | 'sms' | 'messenger' | 'in_person' | 'post' | 'web' | 'other';

export interface CustomerInteractionsTable {
  id: string;
  organization_id: string;
  customer_id: string;
  kind: InteractionKind;
  occurred_at: Timestamp;
  staff_id: string | null;
  channel: InteractionChannel | null;
  direction: 'inbound' | 'outbound' | null;
  text: string | null;
  attachment_ref: string | null;
  complaint_status: 'open' | 'resolved' | null;
  owner_staff_id: string | null;
  reason_id: string | null;
  resolution: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  created_at: Timestamp;
  created_by: string | null;
}

export interface CustomerComplaintHandoversTable {
  id: string;
  organization_id: string;
  interaction_id: string;
  from_staff_id: string;
  to_staff_id: string;
  reason: string;
  by_staff_id: string | null;
  at: Timestamp;
}

export interface DuplicateReason { kind: 'phone' | 'email' | 'document' | 'name_birth_date'; similarity?: number }

export interface CustomerDuplicatesTable {
  id: string;
  organization_id: string;
  customer_a: string;
  customer_b: string;
  score: number;
  reasons: Json<DuplicateReason[]>;
  status: Generated<'open' | 'dismissed' | 'merged'>;
  found_at: Timestamp;
  decided_at: Date | null;
  decided_by: string | null;
}

export interface CustomerDuplicateScansTable {
  organization_id: string;
  scanned_until: Timestamp;
  scanned_id: string;
  full_scan_started_at: Timestamp;
}

export interface CustomerMergesTable {
  id: string;
  organization_id: string;
  survivor_id: string;
  loser_id: string;
  staff_id: string | null;
  at: Timestamp;
  choices: Json<Record<string, 'survivor' | 'loser'>>;
  before: ColumnType<{ survivor: Record<string, unknown>; loser: Record<string, unknown> } | null, string | null, string | null>;
  after: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  moved: Json<Record<string, string[]>>;
  handlers: Json<Record<string, unknown>>;
  undone_at: Date | null;
  undone_by: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    customers: CustomersTable;
    customer_contacts: CustomerContactsTable;
    customer_relations: CustomerRelationsTable;
    customer_occasions: CustomerOccasionsTable;
    customer_profile_changes: CustomerProfileChangesTable;
    customer_documents: CustomerDocumentsTable;
    customer_documents_key: CustomerDocumentsKeyTable;
    customer_fields: CustomerFieldsTable;
    customer_questionnaires: CustomerQuestionnairesTable;
    customer_questionnaire_fields: CustomerQuestionnaireFieldsTable;
    customer_field_values: CustomerFieldValuesTable;
    customer_consent_events: CustomerConsentEventsTable;
    customer_consents: CustomerConsentsTable;
    customer_complaint_reasons: CustomerComplaintReasonsTable;
    customer_interactions: CustomerInteractionsTable;
    customer_complaint_handovers: CustomerComplaintHandoversTable;
    customer_duplicates: CustomerDuplicatesTable;
    customer_duplicate_scans: CustomerDuplicateScansTable;
    customer_merges: CustomerMergesTable;
  }
}
