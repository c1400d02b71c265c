// `regulars serve`: declared here; the implementation (the whole application) loads when it runs.
import type { Command } from 'commander';
import { action } from '../common.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the API and the web app (embedded PostgreSQL unless DATABASE_URL is set)')
    .option('--demo', 'load the demo businesses (once) before serving')
    .action(action(async (opts: { demo?: boolean }) => {
      await (await import('../actions/serve.js')).serve(opts);
    }));
}
