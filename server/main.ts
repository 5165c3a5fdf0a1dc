// First, before anything that could start a full garbage collection (see the module).
import './keep-tick-shape';
import { SettingsError } from '@/lib/settings';
import { log } from '@/lib/log/logger';
import { stopOnSignals } from './stop-on-signals';

/** `--verify-only` (npm run start:verify) starts a verification-only instance: Next is never loaded. */
const start = process.argv.includes('--verify-only')
  ? import('./verify-only').then(({ startVerifier }) => startVerifier())
  : import('./start').then(({ startKeygate }) => startKeygate({ dev: process.argv.includes('--dev') }));

start
  .then(({ stop }) => stopOnSignals(stop))
  .catch((error) => {
    // A bad setting is the operator's to fix: its message says which and what it accepts, no stack.
    // The logger cannot be made from bad settings (LOG_LEVEL may be the bad one): the same JSON line by hand.
    if (error instanceof SettingsError)
      process.stderr.write(`${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), message: error.message })}\n`);
    else log().fatal({ err: error }, 'Keygate could not start');
    process.exit(1);
  });
