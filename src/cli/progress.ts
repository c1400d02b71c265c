// A progress bar for CLI work that takes longer than a second; quick work prints nothing.
import cliProgress from 'cli-progress';

export interface Progress { update(done: number, total?: number): void; stop(): void }

export function progressBar(label: string, total = 0): Progress {
  const started = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  let last = { done: 0, total };
  const show = () => {
    bar = new cliProgress.SingleBar({
      format: `${label} [{bar}] {percentage}% {value}/{total} {eta_formatted}`,
      stream: process.stderr, noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 2000, hideCursor: true,
    }, cliProgress.Presets.shades_classic);
    bar.start(last.total, last.done);
  };
  return {
    update(done, newTotal) {
      last = { done, total: newTotal ?? last.total };
      if (!bar && Date.now() - started > 1000) show();
      if (bar) {
        if (newTotal !== undefined) bar.setTotal(newTotal);
        bar.update(done);
      }
    },
    stop() {
      if (bar) {
        bar.update(last.total);
        (bar as cliProgress.SingleBar).stop();
      }
    },
  };
}
