import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { failureFromError } from '@/lib/api/error-boundary';
import { problemParts } from '@/lib/api/problem';
import { failure } from '@/lib/errors';
import { checkReadiness } from '@/lib/health/readiness';
import { routeConsoleToLogger } from '@/lib/log/console';
import { log } from '@/lib/log/logger';
import { REQUEST_ID_HEADER } from '@/lib/log/request-id';
import { loadSettings, SettingsError } from '@/lib/settings';
import { tokenRuntime } from '@/lib/tokens/runtime';
import { writeOutAndCloseDatabase } from './close-database';
import { handleVerify, isVerifyRequest, sendParts, VERIFY_PATH } from './fast-verify';
import { handleMetrics, isMetricsRequest } from './metrics-endpoint';
import { identifyRequest } from './request-identity';

const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/**
 * `npm run start:verify`: an instance that only answers token verification (the same fast-path
 * handler as a full instance), with /api/health, /api/ready and /metrics, and no Next in the
 * process: verification scaled apart from the console, in a smaller process (docs/decisions.md).
 * It serves a database a full instance has migrated; it runs no jobs.
 */
export async function startVerifier(): Promise<{ stop: () => Promise<void> }> {
  const { PORT: port, HOST: hostname, TRUST_PROXY, DATABASE_URL } = loadSettings();
  // It migrates nothing and starts no embedded database: it joins the one the full instances use.
  if (!DATABASE_URL) throw new SettingsError(['DATABASE_URL: required by a verification-only instance (the full instances’ database).']);
  routeConsoleToLogger();
  const trustProxy = TRUST_PROXY === '1';
  const server = createServer((req, res) => {
    const { requestId, clientAddress } = identifyRequest(req, trustProxy);
    if (isVerifyRequest(req)) return handleVerify(req, res, requestId, clientAddress);
    if (isMetricsRequest(req)) {
      res.setHeader(REQUEST_ID_HEADER, requestId);
      return void handleMetrics(req, res).catch((error) => answerFailure(res, requestId, error, 'GET /metrics'));
    }
    void answerOther(req, res, requestId).catch((error) => answerFailure(res, requestId, error, `${req.method} ${req.url}`));
  });
  // Listening for token invalidations from the other instances before serving, like a full instance.
  await tokenRuntime().listening;
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  log().info(`Keygate ready on http://${hostname}:${port} (verification only)`);
  return {
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await writeOutAndCloseDatabase();
    },
  };
}

async function answerOther(req: IncomingMessage, res: ServerResponse, requestId: string) {
  const path = req.url?.split('?')[0];
  const get = req.method === 'GET' || req.method === 'HEAD';
  if (path === VERIFY_PATH) return sendParts(res, requestId, { status: 405, headers: { allow: 'POST' }, body: '' });
  if (path === '/api/health' && get) return sendParts(res, requestId, { status: 200, headers: JSON_HEADERS, body: '{"ok":true}' });
  if (path === '/api/ready' && get) {
    const notReady = await checkReadiness();
    return sendParts(
      res,
      requestId,
      notReady ? problemParts({ ...notReady, requestId }) : { status: 200, headers: JSON_HEADERS, body: '{"ready":true}' },
    );
  }
  sendParts(
    res,
    requestId,
    problemParts({
      ...failure(
        'NOT_FOUND',
        `This instance only verifies tokens: POST ${VERIFY_PATH}. The console and the rest of the API are on the full instances.`,
      ),
      requestId,
    }),
  );
}

function answerFailure(res: ServerResponse, requestId: string, error: unknown, what: string) {
  sendParts(res, requestId, problemParts(failureFromError(error, what, requestId)));
}
