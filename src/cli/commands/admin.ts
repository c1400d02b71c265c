// Operator commands that work on the store directly: migrate, demo, user add, apikey create.
// Declared here; the implementation (store, tenancy, demo data) loads when one of them runs.
import type { Command } from 'commander';
import { action } from '../common.js';

/** The staff roles, for the help text (the tenancy module's STAFF_ROLES; a test keeps the two in step). */
export const ROLE_NAMES = ['owner', 'manager', 'cashier', 'analyst'] as const;

export function registerAdminCommands(program: Command): void {
  program.command('migrate').description('create or upgrade the database schema, then exit').action(action(async () => {
    await (await import('../actions/admin.js')).runMigrate();
  }));

  program.command('demo').description('load the demo businesses into the store, then exit').action(action(async () => {
    await (await import('../actions/admin.js')).runDemo();
  }));

  const user = program.command('user').description('staff accounts');
  user.command('add')
    .description('add a staff account to an organization')
    .requiredOption('--organization <id>', 'organization id')
    .requiredOption('--email <email>', 'login e-mail')
    .requiredOption('--name <name>', 'display name')
    .option('--role <role>', `one of ${ROLE_NAMES.join(', ')}`, 'manager')
    .option('--password <password>', 'password (at least 10 characters); generated and printed when omitted')
    .action(action(async (opts: { organization: string; email: string; name: string; role: string; password?: string }) => {
      await (await import('../actions/admin.js')).runUserAdd(opts);
    }));

  const apikey = program.command('apikey').description('API keys for POS integrations');
  apikey.command('create')
    .description('create an API key for one outlet; prints the secret once')
    .requiredOption('--organization <id>', 'organization id')
    .requiredOption('--outlet <id>', 'outlet id')
    .option('--name <name>', 'what the key is for', 'POS')
    .action(action(async (opts: { organization: string; outlet: string; name: string }) => {
      await (await import('../actions/admin.js')).runApiKeyCreate(opts);
    }));
}
