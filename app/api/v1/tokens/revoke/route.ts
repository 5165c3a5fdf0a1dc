import { after } from 'next/server';
import { log } from '@/lib/log/logger';
import { withErrorBoundary } from '@/lib/api/error-boundary';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';
import { problem } from '@/lib/api/problem';
import { readBoundedText } from '@/lib/api/read-body';
import { acceptRevokeReport } from '@/lib/leaks/revoke-endpoint';
import { clientIpFrom } from '@/lib/auth/client-ip';

/** SPEC §8: anyone holding a token may report it leaked; the answer is the same whatever was sent. */
export const POST = withErrorBoundary(async (request: Request): Promise<Response> => {
  const text = await readBoundedText(request);
  if (!text.ok) return problem(text);
  const accepted = acceptRevokeReport(text.data, { ip: clientIpFrom(request.headers), userAgent: request.headers.get('user-agent') });
  if (!accepted.ok) return problem(accepted);
  // Looked at once the answer has gone: its timing cannot tell whether a token was real.
  after(() => accepted.data.report().catch((err) => log().error({ err }, 'A leak report could not be processed')));
  return Response.json({ received: accepted.data.received }, { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed('POST');
