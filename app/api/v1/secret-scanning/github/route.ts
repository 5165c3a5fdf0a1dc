import { withErrorBoundary } from '@/lib/api/error-boundary';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';
import { problem } from '@/lib/api/problem';
import { readBoundedText } from '@/lib/api/read-body';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { gitHubKeys } from '@/lib/leaks/github-keys';
import { receiveGitHubReport } from '@/lib/leaks/github-receiver';

/** SPEC §8: GitHub's secret scanning partner program reports tokens it found in public places here. */
export const POST = withErrorBoundary(async (request: Request): Promise<Response> => {
  const body = await readBoundedText(request);
  if (!body.ok) return problem(body);
  const labels = await receiveGitHubReport(
    gitHubKeys(),
    body.data,
    { identifier: request.headers.get('github-public-key-identifier'), signature: request.headers.get('github-public-key-signature') },
    { ip: clientIpFrom(request.headers), userAgent: request.headers.get('user-agent') },
  );
  return labels.ok ? Response.json(labels.data) : problem(labels);
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed('POST');
