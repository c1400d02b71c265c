// The `regulars` command. One file per command group under commands/ declares its commands, options and
// help; each command loads its implementation (actions/, which calls the module services) only when it
// runs, so `regulars --help` and `regulars --version` start without loading the application.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { projectRoot } from '../platform/paths.js';
import { registerAdminCommands } from './commands/admin.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerClvCommand } from './commands/clv.js';
import { registerImportCommands } from './commands/import.js';
import { registerOpenApiCommand } from './commands/openapi.js';
import { registerReportCommand } from './commands/report.js';
import { registerServeCommand } from './commands/serve.js';

/** The package version (app/node.ts reads the same file; importing it would load the whole server). */
const version = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

export function buildProgram(): Command {
  const program = new Command('regulars').description('Regulars — loyalty and retention for businesses that live on regular customers').version(version);
  registerServeCommand(program);
  registerAdminCommands(program);
  registerBackupCommands(program);
  registerOpenApiCommand(program);
  registerClvCommand(program);
  registerImportCommands(program);
  registerReportCommand(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
