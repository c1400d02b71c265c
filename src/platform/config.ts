// Configuration comes from environment variables, read and validated once at start.
// Every variable is documented here and in the README table (keep the two in step).
import { z } from 'zod';
import path from 'node:path';

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL');

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080).describe('HTTP port of the API and web app'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Address to listen on'),
  DATABASE_URL: postgresUrl.optional().describe('External PostgreSQL; when unset, Regulars starts its embedded PostgreSQL (sensitive)'),
  DATA_DIR: z.string().min(1).default('./data').describe('Where the embedded PostgreSQL keeps its files'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2, 'must be at least 2 (an import holds one connection for its transaction and uses another)').max(200).default(10).describe('Connections per server process'),
  DATABASE_TX_GUARD: z.enum(['off', 'warn', 'throw']).default('off').describe('For development: warn about (or fail) a query sent through the connection pool by code that holds a transaction, which escapes the transaction and can starve a busy pool; the tests run with throw'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  LOG_PRETTY: bool.default(false).describe('Human-readable logs instead of JSON lines'),
  REGULARS_OWNER_EMAIL: z.email().optional().describe('Owner account created on first start (default owner@example.com)'),
  REGULARS_OWNER_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional().describe('Its password; when unset, one is generated and printed once (sensitive)'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 14).describe('How long a login lasts without use'),
  COOKIE_SECURE: bool.default(false).describe('Send the session cookie only over HTTPS (set behind TLS)'),
  TRUST_PROXY: bool.default(false).describe('Trust X-Forwarded-* headers from a reverse proxy'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5).describe('Failed logins per e-mail within 15 minutes before login is refused'),
  OUTBOUND_ALLOW_PRIVATE: bool.default(false).describe('Let webhooks reach private, loopback and link-local addresses (a till on the local network); off, only public addresses are called'),
  JOBS: bool.default(true).describe('Run scheduled jobs in this process (safe on several nodes: each run is claimed once)'),
  CUSTOMER_DOCUMENTS_KEY: z.string().trim().regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, 'must be 32 bytes as 64 hex characters (openssl rand -hex 32) or base64').optional()
    .describe('Key that encrypts identity documents at rest (AES-256-GCM), 64 hex characters; when unset with the embedded store, one is generated on first start in DATA_DIR/documents.key (mode 0600); with DATABASE_URL it must be set (the same on every node) or documents are unavailable. Back it up: documents cannot be read without it (sensitive)'),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

export class ConfigError extends Error {}

/** Reads the environment once; a wrong value stops the start with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = configSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message} (got "${picked[String(i.path[0])] ?? ''}")`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}

/** The README configuration table, generated from the schema so the two cannot drift. */
export function configTable(): string {
  const rows = Object.entries(configSchema.shape).map(([name, schema]) => {
    const description = schema.description ?? '';
    const def = schema instanceof z.ZodDefault ? String(schema.def.defaultValue) : '';
    return `| \`${name}\` | ${def ? `\`${def}\`` : ''} | ${description} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
