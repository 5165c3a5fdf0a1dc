import { withErrorBoundary } from '@/lib/api/error-boundary';
import { problem } from '@/lib/api/problem';
import { checkReadiness } from '@/lib/health/readiness';

/** Readiness (SPEC §11): 200 while the database answers and is migrated; 503 problem+json otherwise. Outside sign-in. */
export const GET = withErrorBoundary(async () => {
  const notReady = await checkReadiness();
  return notReady ? problem(notReady) : Response.json({ ready: true });
});
