// The one way the web app talks to the server: openapi-fetch typed by the generated `paths`, with the
// session cookie, every error body turned into an ApiError, and one place that reacts to a lost session.
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

type Schemas = components['schemas'];
export type Organization = Schemas['Organization'];
export type Merchant = Schemas['Merchant'];
export type Outlet = Schemas['Outlet'];
export type OutletKind = Outlet['kind'];
export type Staff = Schemas['Staff'];
export type StaffRole = Staff['role'];
export type ApiKey = Schemas['ApiKey'];
export type Me = Schemas['Me'];
export type AuditEntry = paths['/api/audit']['get']['responses'][200]['content']['application/json']['items'][number];

export const STAFF_ROLES: readonly StaffRole[] = ['owner', 'manager', 'cashier', 'analyst'];
export const OUTLET_KINDS: readonly OutletKind[] = ['shop', 'salon', 'office', 'online', 'pos'];

/** A problem with one input field, as the server named it ("email", "owner.email"). */
export interface FieldIssue { field: string; message: string }

/** Every failed call: the server's stable code and message, the field issues, and the HTTP status (0 = no answer). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get issues(): FieldIssue[] {
    const out: FieldIssue[] = [];
    const raw = this.details.issues;
    if (Array.isArray(raw)) {
      for (const i of raw as { path?: unknown; message?: unknown }[]) {
        if (typeof i.path === 'string' && typeof i.message === 'string') out.push({ field: i.path, message: i.message });
      }
    }
    // Conflicts name their field without an issue list (email_taken → details.field = "email").
    if (typeof this.details.field === 'string') out.push({ field: this.details.field, message: this.message });
    return out;
  }
}

export function toApiError(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string') {
    const details = err.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>) : {};
    return new ApiError(status, err.code, typeof err.message === 'string' ? err.message : err.code, details);
  }
  return new ApiError(status, status >= 500 ? 'internal_error' : 'unexpected_response', `HTTP ${status}`);
}

let onUnauthorized: (() => void) | null = null;
/** The session owner registers what a 401 means (forget the user, show the login page). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });

api.use({
  onResponse({ request, response }) {
    // A wrong password on the login form is a 401 too, but it is not a lost session.
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/api/auth/')) onUnauthorized?.();
    return undefined;
  },
});

interface Result<D> { data?: D; error?: unknown; response: Response }

/** Awaits an api.GET/POST/… call and returns its data, or throws an ApiError. */
export async function unwrap<D>(call: Promise<Result<D>>): Promise<D> {
  let result: Result<D>;
  try {
    result = await call;
  } catch (e) {
    throw new ApiError(0, 'network_error', e instanceof Error ? e.message : String(e));
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as D;
}
