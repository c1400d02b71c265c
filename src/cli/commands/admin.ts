// Operator commands that work on the store directly: migrate, demo, user add, apikey create.
import type { Command } from 'commander';
import { z } from 'zod';
import { loadDemo } from '../../app/demo/index.js';
import { openStore } from '../../app/runtime.js';
import { createApiKey, createStaff, generatePassword, STAFF_ROLES, type Actor } from '../../modules/tenancy/index.js';

import { action, requireOrganization, setup, UsageError } from '../common.js';
import { progressBar } from '../progress.js';

const uuid = z.uuid();

/** The CLI acts as the organization's owner; the audit log records it with no staff id. */
function operator(organizationId: string): Actor {
  if (!uuid.safeParse(organizationId).success) throw new UsageError(`--organization: "${organizationId}" is not an organization id (a UUID; see Settings → Organization)`);
  return { organizationId, role: 'owner', staffId: null, apiKeyId: null, outletId: null };
}

export function registerAdminCommands(program: Command): void {
  program.command('migrate').description('create or upgrade the database schema, then exit').action(action(async () => {
    const { config, log } = setup({ quiet: true });
    const bar = progressBar('Migrating');
    const store = await openStore(config, log, { attach: true, onMigration: (_m, i, n) => bar.update(i + 1, n) });
    bar.stop();
    process.stdout.write(`schema is up to date (${store.kind} store)\n`);
    await store.shutdown();
  }));

  program.command('demo').description('load the demo businesses into the store, then exit').action(action(async () => {
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
  }));

  const user = program.command('user').description('staff accounts');
  user.command('add')
    .description('add a staff account to an organization')
    .requiredOption('--organization <id>', 'organization id')
    .requiredOption('--email <email>', 'login e-mail')
    .requiredOption('--name <name>', 'display name')
    .option('--role <role>', `one of ${STAFF_ROLES.join(', ')}`, 'manager')
    .option('--password <password>', 'password (at least 10 characters); generated and printed when omitted')
    .action(action(async (opts: { organization: string; email: string; name: string; role: string; password?: string }) => {
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
    }));

  const apikey = program.command('apikey').description('API keys for POS integrations');
  apikey.command('create')
    .description('create an API key for one outlet; prints the secret once')
    .requiredOption('--organization <id>', 'organization id')
    .requiredOption('--outlet <id>', 'outlet id')
    .option('--name <name>', 'what the key is for', 'POS')
    .action(action(async (opts: { organization: string; outlet: string; name: string }) => {
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
    }));
}
