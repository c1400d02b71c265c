// backup / restore of the store (embedded, or DATABASE_URL): declared here; the implementation loads when a command runs.
import type { Command } from 'commander';
import { action } from '../common.js';

export function registerBackupCommands(program: Command): void {
  program.command('backup <file>')
    .description('write a consistent backup of the store to FILE (gzip); safe while Regulars is serving')
    .action(action(async (file: string) => {
      await (await import('../actions/backup.js')).runBackup(file);
    }));

  program.command('restore <file>')
    .description('replace the store with the contents of a backup FILE (stop the server first)')
    .action(action(async (file: string) => {
      await (await import('../actions/backup.js')).runRestore(file);
    }));
}
