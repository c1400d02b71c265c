// Operator commands that work on the store directly: migrate, demo, user add, apikey create.
// Loaded when one of them runs (see commands/admin.ts).
import { z } from 'zod';
import { loadDemo } from '../../app/demo/index.js';
import { openStore } from '../../app/runtime.js';
import { createApiKey, createStaff, generatePassword, STAFF_ROLES, type Actor } from '../../modules/tenancy/index.js';
import { UsageError } from '../common.js';
import { progressBar } from '../progress.js';
import { requireOrganization, setup } from '../setup.js';

const uuid = z.uuid();

/** The CLI acts as the organization's owner; the audit log records it with no staff id. */
function operator(organizationId: string): Actor {
  if (!uuid.safeParse(organizationId).success) throw new UsageError(`--organization: "${organizationId}" is not an organization id (a UUID; see Settings → Organization)`);
  return { organizationId, role: 'owner', staffId: null, apiKeyId: null, outletId: null };
}

export async function runMigrate(): Promise<void> {
  const { config, log } = setup({ quiet: true });
  const bar = progressBar('Migrating');
  const store = await openStore(config, log, { attach: true, onMigration: (_m, i, n) => bar.update(i + 1, n) });
  bar.stop();
  process.stdout.write(`schema is up to date (${store.kind} store)\n`);
  await store.shutdown();
}

export async function runDemo(): Promise<void> {
  const { config, log } = setup({ quiet: true });
  const store = await openStore(config, log, { attach: true });
  try {
    const bar = progressBar('Loading demo data');
    const logins = await loadDemo(store.ctx, (d, t) => bar.update(d, t));
    bar.stop();
    for (const l of logins) process.stdout.write(`${l.email}\t${l.password}\t${l.role}\t${l.organization}\n`);
  } finally {
    await store.shutdown();
  }
}

export async function runUserAdd(opts: { organization: string; email: string; name: string; role: string; password?: string }): Promise<void> {
  const role = z.enum(STAFF_ROLES).safeParse(opts.role);
  if (!role.success) throw new UsageError(`--role: must be one of ${STAFF_ROLES.join(', ')}`);
  if (!z.email().safeParse(opts.email).success) throw new UsageError(`--email: "${opts.email}" is not an e-mail address`);
  if (opts.password !== undefined && opts.password.length < 10) throw new UsageError('--password: must be at least 10 characters');
  const password = opts.password ?? generatePassword();
  const { config, log } = setup({ quiet: true });
  const store = await openStore(config, log, { attach: true });
  try {
    const actor = operator(opts.organization);
    await requireOrganization(store.db, actor.organizationId);
    const staff = await createStaff(store.ctx, actor, { email: opts.email, name: opts.name, role: role.data, password });
    process.stdout.write(`added ${staff.email} (${staff.role})${opts.password ? '' : ` with password ${password}`}\n`);
  } finally {
    await store.shutdown();
  }
}

export async function runApiKeyCreate(opts: { organization: string; outlet: string; name: string }): Promise<void> {
  if (!uuid.safeParse(opts.outlet).success) throw new UsageError(`--outlet: "${opts.outlet}" is not an outlet id`);
  const { config, log } = setup({ quiet: true });
  const store = await openStore(config, log, { attach: true });
  try {
    const actor = operator(opts.organization);
    await requireOrganization(store.db, actor.organizationId);
    const created = await createApiKey(store.ctx, actor, { name: opts.name, outletId: opts.outlet });
    process.stdout.write(`${created.secret}\n`);
  } finally {
    await store.shutdown();
  }
}
