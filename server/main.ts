import { SettingsError } from '@/lib/settings';
import { startKeygate, stopOnSignals } from './start';

startKeygate({ dev: process.argv.includes('--dev') })
  .then(({ stop }) => stopOnSignals(stop))
  .catch((error) => {
    // A bad setting is the operator's to fix: its message says which and what it accepts, no stack.
    console.error(error instanceof SettingsError ? error.message : error);
    process.exit(1);
  });
