// `regulars openapi`: declared here; the implementation (which builds the whole HTTP app) loads when it runs.
import type { Command } from 'commander';
import { action } from '../common.js';

export function registerOpenApiCommand(program: Command): void {
  program.command('openapi').description('print the OpenAPI 3.1 document of the HTTP API').action(action(async () => {
    await (await import('../actions/openapi.js')).printOpenApi();
  }));
}
