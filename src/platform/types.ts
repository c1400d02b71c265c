// Small shared types that domain code may use without depending on any I/O.

/** A branded string id (UUIDv7 text). */
export type Id = string;

/** Result of an operation that may be refused for a domain reason (not an exception). */
export type Outcome<T, E extends string = string> = { ok: true; value: T } | { ok: false; reason: E; details?: Record<string, unknown> };
