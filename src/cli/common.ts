// What every command declaration needs, and nothing heavier: the wrapper that gives a clean exit with a
// readable message, and the error for bad options. Commands load their implementations (src/cli/actions/)
// only when they run, so `regulars --help` does not load the whole application; see setup.ts for the
// configuration and store helpers those implementations share.
import { isAppError, StartupError } from '../platform/errors.js';

export class UsageError extends Error {}

/** Wraps a command: known failures print one clear line and exit 2; anything else prints its stack and exits 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      // Loaded here, not at start: a ConfigError can only come from code that has loaded the configuration already.
      const { ConfigError } = await import('../platform/config.js');
      if (e instanceof ConfigError || e instanceof UsageError || e instanceof StartupError) {
        process.stderr.write(`${e.message}\n`);
        process.exit(2);
      }
      if (isAppError(e)) {
        process.stderr.write(`error: ${e.message} (${e.code})\n`);
        process.exit(2);
      }
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    }
  };
}
