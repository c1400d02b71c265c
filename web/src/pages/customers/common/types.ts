// The customer base's shapes, as the server's OpenAPI document describes its routes.
import type { paths } from '../../../api/schema';

// Derived from the routes rather than from component names, so a renamed schema does not break the pages.
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R
  : T extends { responses: { 201: { content: { 'application/json': infer R } } } } ? R : never;
type Get<P extends keyof paths> = Ok<paths[P]['get']>;

export type Customer = Get<'/api/customers/{id}'>;
export type CustomerKind = Customer['kind'];
export type Gender = NonNullable<Customer['gender']>;
export type Channel = NonNullable<Customer['preferredChannel']>;
export type SearchResult = Get<'/api/customers/search'>;
export type CustomerMatch = SearchResult['items'][number];
export type Distinguishing = SearchResult['distinguishing'][number];
export type Consent = Get<'/api/customers/{id}/consents'>;
export type CustomerDocument = Get<'/api/customers/{id}/documents'>['items'][number];
export type DocumentType = CustomerDocument['type'];
export type Interaction = Get<'/api/customers/{id}/interactions'>['items'][number];
export type InteractionKind = Interaction['kind'];
export type InteractionChannel = NonNullable<Interaction['channel']>;
export type ComplaintReason = Get<'/api/complaint-reasons'>['items'][number];
export type Relation = Get<'/api/customers/{id}/relations'>['items'][number];
export type RelationKind = Relation['kind'];
export type Occasion = Get<'/api/customers/{id}/occasions'>['items'][number];
export type OccasionKind = Occasion['kind'];
export type CustomField = Get<'/api/customer-fields'>['items'][number];
export type FieldValues = Get<'/api/customers/{id}/field-values'>;
export type TimelineItem = Get<'/api/customers/{id}/timeline'>['items'][number];
export type Merge = Get<'/api/merges/{id}'>;
export type Duplicate = Get<'/api/duplicates'>['items'][number];
export type DuplicateReason = Duplicate['reasons'][number];

export const CHANNELS: readonly Channel[] = ['email', 'sms', 'messenger', 'phone', 'post'];
export const GENDERS: readonly Gender[] = ['female', 'male', 'other'];
export const DOCUMENT_TYPES: readonly DocumentType[] = ['passport', 'foreign_passport', 'national_id', 'residence_permit', 'driving_licence', 'visa', 'birth_certificate', 'other'];
export const INTERACTION_KINDS: readonly InteractionKind[] = ['call', 'message', 'meeting', 'letter', 'contract', 'complaint', 'return', 'cancellation', 'note'];
export const INTERACTION_CHANNELS: readonly InteractionChannel[] = ['phone', 'email', 'sms', 'messenger', 'in_person', 'post', 'web', 'other'];
export const RELATION_KINDS: readonly RelationKind[] = ['spouse', 'partner', 'child', 'parent', 'sibling', 'contact_person', 'other'];
export const OCCASION_KINDS: readonly OccasionKind[] = ['anniversary', 'name_day', 'other'];

export type ImportSession = Get<'/api/imports/{id}'>;
export type CustomerMapping = Extract<NonNullable<ImportSession['mapping']>, { kind: 'customers' }>;
export type ColumnRule = CustomerMapping['columns'][number];
export type ImportField = ColumnRule['field'];
export type ImportIssue = Get<'/api/imports/{id}/issues'>['items'][number];

export type DuplicateScan = Get<'/api/duplicates/scans/{id}'>;
