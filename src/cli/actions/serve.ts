// `regulars serve`, loaded when the command runs (see commands/serve.ts).
import { ensureFirstOrganization, type FirstOwner } from '../../app/bootstrap.js';
import { loadDemo, type DemoLogin } from '../../app/demo/index.js';
import { startNode } from '../../app/node.js';
import { watchNpmLauncher } from '../launcher.js';
import { progressBar } from '../progress.js';
import { setup } from '../setup.js';

export async function serve(opts: { demo?: boolean }): Promise<void> {
  const { config, log } = setup();
  let firstOwner: FirstOwner | null = null;
  let demo: DemoLogin[] = [];
  const node = await startNode(config, log, {
    afterMigrate: async (store) => {
      if (opts.demo) {
        const bar = progressBar('Loading demo data');
        demo = await loadDemo(store.ctx, (done, total) => bar.update(done, total));
        bar.stop();
      } else {
        firstOwner = await ensureFirstOrganization(store.ctx, config);
      }
    },
  });
  const where = node.store.kind === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL';
  const shown = `http://localhost:${config.PORT}`;
  const lines = [`Regulars is serving on ${shown} (${where}); API docs at ${shown}/docs`];
  const owner = firstOwner as FirstOwner | null;
  if (owner) {
    lines.push(owner.password
      ? `First start: log in as ${owner.email} with the password ${owner.password} — shown only this once; change it in Settings → Staff.`
      : `First start: log in as ${owner.email} with the password from REGULARS_OWNER_PASSWORD.`);
  }
  if (demo.length) {
    lines.push('Demo logins (password for all: demo-password):');
    for (const d of demo) lines.push(`  ${d.email.padEnd(24)} ${d.role.padEnd(8)} ${d.organization}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await node.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  watchNpmLauncher(() => void stop('npm exited'));
}
