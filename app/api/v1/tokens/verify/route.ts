import { withErrorBoundary } from '@/lib/api/error-boundary';
import { answerVerify } from '@/lib/api/verify-endpoint';
import { problem } from '@/lib/api/problem';
import { readBoundedText } from '@/lib/api/read-body';
import { verifyResponseJson } from '@/lib/tokens/verify-token';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';
import { clientIpFrom } from '@/lib/auth/client-ip';

// Served by server/'s fast path when Keygate runs on its own server; this handler is for other hosts.
export const POST = withErrorBoundary(async (request: Request): Promise<Response> => {
  const text = await readBoundedText(request);
  if (!text.ok) return problem(text);
  const result = await answerVerify(text.data, () => ({ ip: clientIpFrom(request.headers), userAgent: request.headers.get('user-agent') }));
  return result.ok ? new Response(verifyResponseJson(result.data), { headers: { 'content-type': 'application/json' } }) : problem(result);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed('POST');
