import { withErrorBoundary } from '@/lib/api/error-boundary';
import { problem } from '@/lib/api/problem';
import { checkCronAuthorization } from '@/lib/notifications/cron-auth';
import { purgeRetiredTokens } from '@/lib/api-access/retired-tokens';
import { runExpiryNotifications } from '@/lib/notifications/run-expiry-notifications';

// A run may send many emails at 2 per second (Vercel's limit for this function).
export const maxDuration = 300;

/** Hourly trigger for hosts with their own scheduler (vercel.json, a cron job, a Kubernetes CronJob). */
export const GET = withErrorBoundary(async (request: Request): Promise<Response> => {
  const refused = checkCronAuthorization(request.headers.get('authorization'));
  if (refused) return problem(refused);
  // Hosts without Keygate's own scheduler purge retired tokens on the same hourly call.
  const [counts] = await Promise.all([runExpiryNotifications(), purgeRetiredTokens()]);
  return Response.json(counts, { headers: { 'cache-control': 'no-store' } });
});
