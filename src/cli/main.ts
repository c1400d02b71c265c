// The `regulars` command. One file per command group under commands/, each calling module services.
import { Command } from 'commander';
import { version } from '../app/node.js';
import { registerAdminCommands } from './commands/admin.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerClvCommand } from './commands/clv.js';
import { registerImportCommands } from './commands/import.js';
import { registerOpenApiCommand } from './commands/openapi.js';
import { registerReportCommand } from './commands/report.js';
import { registerServeCommand } from './commands/serve.js';

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
