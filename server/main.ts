import { startKeygate, stopOnSignals } from './start';

startKeygate({ dev: process.argv.includes('--dev') })
  .then(({ stop }) => stopOnSignals(stop))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
