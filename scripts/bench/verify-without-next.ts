// A baseline for `npm run bench`: Keygate's own fast-path handler (server/fast-verify.ts, the same
// token runtime and answers) in a process without Next. Set beside the bare server and the real
// fast path, it splits the fast path's cost into Keygate's own work and what sharing the process
// with Next costs (docs/benchmarks.md).
import { createServer } from 'node:http';
import { tokenRuntime } from '@/lib/tokens/runtime';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/log/request-id';
import { handleVerify } from '../../server/fast-verify';

const server = createServer((req, res) =>
  handleVerify(req, res, requestIdFrom(req.headers[REQUEST_ID_HEADER]), req.socket.remoteAddress ?? ''),
);
await tokenRuntime().listening;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('without next ready'));
process.on('SIGTERM', () => process.exit(0));
