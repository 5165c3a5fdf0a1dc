import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { db } from '@/db/client';
import { ensureFirstAdmin, ensurePredefinedRoles } from '@/lib/users/bootstrap';
import { startExpiryScheduler } from '@/lib/notifications/scheduler';
import { startConfiguredDeliveryWorker } from '@/lib/webhooks/delivery-worker';
import { tokenRuntime } from '@/lib/tokens/runtime';
import { writeOutAndCloseDatabase } from './close-database';
import { prepareEnvironment } from './environment';
import { loadSettings } from '@/lib/settings';
import { prepareDatabase } from './prepare-database';
import { handleVerify, isVerifyRequest } from './fast-verify';
import { handleMetrics, isMetricsRequest } from './metrics-endpoint';
import { log, withRequestId } from '@/lib/log/logger';
import { routeConsoleToLogger } from '@/lib/log/console';
import { REQUEST_ID_HEADER } from '@/lib/log/request-id';
import { identifyRequest } from './request-identity';
import { httpResponseSent, metrics } from '@/lib/metrics/metrics';

/**
 * Starts Keygate in this process: database (embedded when DATABASE_URL is
 * unset), migrations and the runtime role's grants, predefined roles, first admin, then Next's handler.
 */
export async function startKeygate({ dev }: { dev: boolean }): Promise<{ stop: () => Promise<void> }> {
  // First, before anything is started: a bad setting stops the start here, naming it.
  const { PORT: port, HOST: hostname, TRUST_PROXY, ADMIN_EMAIL, ADMIN_PASSWORD, KEYGATE_FAST_VERIFY } = loadSettings();
  routeConsoleToLogger();
  // Behind a trusted reverse proxy keep its X-Forwarded-For; otherwise the socket address is the truth.
  const trustProxy = TRUST_PROXY === '1';

  const environment = await prepareEnvironment();
  await prepareDatabase();
  await ensurePredefinedRoles(db);
  const admin = await ensureFirstAdmin(db, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  if (admin?.generated) {
    // The one secret Keygate ever writes out, by design (README): the operator has no other way to learn it.
    log().warn(
      { email: admin.email, initialPassword: admin.password },
      'Created the first administrator; their password is shown once: change it',
    );
  } else if (admin) {
    log().info({ email: admin.email }, 'Created the first administrator');
  }

  // What `next start --experimental-next-config-strip-types` does: on a Node that strips types
  // itself (22.18+, 24), next.config.ts is imported through Node's loader (tsx's hooks resolve its
  // extensionless imports) instead of being compiled with SWC, whose native module (~25 MB
  // resident, 2 threads) would then stay loaded in a server that never compiles anything. Older
  // Nodes fall back to SWC.
  if (!dev) process.env.__NEXT_NODE_NATIVE_TS_LOADER_ENABLED ??= 'true';
  const app = next({ dev, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // KEYGATE_FAST_VERIFY=0 sends verification through Next's route handler instead (for comparison).
  const fastVerify = KEYGATE_FAST_VERIFY === '1';
  // Decided once: at the default level and with metrics off, a response costs no listener.
  const countResponses = metrics() !== null;
  const logRequests = log().isLevelEnabled('debug');
  const server = createServer((req, res) => {
    // Every response carries the request's id; Next's code reads it from the request, like the client IP.
    const { requestId, clientAddress } = identifyRequest(req, trustProxy);
    // The fast path is handed both; it never reads the rewritten headers below (and skips their cost).
    if (fastVerify && isVerifyRequest(req)) return handleVerify(req, res, requestId, clientAddress);
    req.headers[REQUEST_ID_HEADER] = requestId;
    req.headers['x-forwarded-for'] = clientAddress;
    if (!trustProxy) {
      // Only a trusted proxy may say which host and scheme the client used (links and redirects are built from them).
      delete req.headers['x-forwarded-host'];
      delete req.headers['x-forwarded-proto'];
    }
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (countResponses || logRequests) res.once('finish', () => responseFinished(req, res, requestId, { countResponses, logRequests }));
    if (isMetricsRequest(req)) {
      handleMetrics(req, res).catch((err) => {
        log().error({ err, requestId }, 'GET /metrics failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    // Next's work for this request runs inside its id: every line it logs carries it.
    withRequestId(requestId, () => void handle(req, res));
  });
  // Start listening for token invalidations from other instances before serving.
  await tokenRuntime().listening;
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  const scheduler = startExpiryScheduler();
  const webhookWorker = startConfiguredDeliveryWorker();
  log().info(`Keygate ready on http://${hostname}:${port}`);

  return {
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close().catch(() => {});
      await scheduler.stop();
      await webhookWorker.stop();
      await writeOutAndCloseDatabase();
      await environment.stop();
    },
  };
}

/** A response sent by Next or /metrics: counted by status, and a debug line (path without its query, which may carry anything). */
function responseFinished(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  { countResponses, logRequests }: { countResponses: boolean; logRequests: boolean },
) {
  if (countResponses) httpResponseSent(res.statusCode);
  if (logRequests) log().debug({ requestId, method: req.method, path: req.url?.split('?')[0], status: res.statusCode }, 'request served');
}
