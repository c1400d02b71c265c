// When Regulars runs under `npm start`, the process tree is npm → sh → node. If npm is killed with
// SIGKILL, sh and node would live on as orphans still holding the data directory. So a server started
// by npm watches its npm ancestor and shuts down cleanly when that process is gone (Linux /proc only).
import fs from 'node:fs';

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}

function isNpm(pid: number): boolean {
  try {
    // npm rewrites its process title ("npm run dev"), so the command line may be split by spaces or NULs.
    const words = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    return words.some((w) => w === 'npm' || w.endsWith('/npm') || w.endsWith('npm-cli.js'));
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Calls `onGone` once if the npm process that launched us disappears. Returns a function that stops watching. */
export function watchNpmLauncher(onGone: () => void): () => void {
  if (!process.env.npm_lifecycle_event || process.platform !== 'linux') return () => {};
  let pid: number | null = process.ppid;
  for (let depth = 0; pid && pid > 1 && depth < 4; depth++) {
    if (isNpm(pid)) break;
    pid = parentOf(pid);
  }
  if (!pid || pid <= 1 || !isNpm(pid)) return () => {};
  const npmPid = pid;
  const timer = setInterval(() => {
    if (!alive(npmPid)) {
      clearInterval(timer);
      onGone();
    }
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
