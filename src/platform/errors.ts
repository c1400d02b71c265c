// One error type for the whole service. Codes are stable strings that clients may switch on;
// messages are for people; details carry the field-level facts (which field, why).

export type ErrorDetails = Record<string, unknown>;

const STATUS_BY_KIND = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  too_many: 429,
  unavailable: 503,
} as const;

export type ErrorKind = keyof typeof STATUS_BY_KIND;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    message: string,
    readonly details: ErrorDetails = {},
    kind: ErrorKind = 'bad_request',
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS_BY_KIND[kind];
  }
}

export const notFound = (what: string, details: ErrorDetails = {}) =>
  new AppError(`${what}_not_found`, `${what.replace(/_/g, ' ')} not found`, details, 'not_found');

export const forbidden = (message = 'You are not allowed to do this', details: ErrorDetails = {}) =>
  new AppError('forbidden', message, details, 'forbidden');

export const conflict = (code: string, message: string, details: ErrorDetails = {}) => new AppError(code, message, details, 'conflict');

/** A bad value in a named field: the message names the field and the reason. */
export const invalidField = (field: string, reason: string) =>
  new AppError('validation_failed', `${field}: ${reason}`, { issues: [{ path: field, message: reason }] }, 'bad_request');

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** A problem an operator must fix before Regulars can start (bad data directory, database newer than code…). */
export class StartupError extends Error {}
