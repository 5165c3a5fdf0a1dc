import { verify } from 'node:crypto';
import { failure, type Result, success } from '@/lib/errors';
import type { Caller } from '@/lib/tokens/retired-token-alarm';
import { parseJson } from '@/lib/api/read-body';
import { tokenDigest } from '@/lib/tokens/token';
import { reportLeakedTokens } from './report-leaks';
import type { GitHubKeyCache } from './github-keys';
import { GITHUB_TOKEN_TYPE, type GitHubLabel, gitHubReportSchema } from './schemas';

/** Where GitHub found the token, kept only when it is an http(s) address of sensible length (it is shown as a link). */
const webAddress = (url: string | undefined) => (url && url.length <= 2048 && /^https?:\/\/[^\s]+$/i.test(url) ? url : null);

/** ECDSA P-256 SHA-256 over the raw body, the signature DER in base64, checked by Node's crypto. */
async function signedByGitHub(keys: GitHubKeyCache, body: string, identifier: string | null, signature: string | null): Promise<boolean> {
  if (!identifier || !signature) return false;
  const key = await keys.key(identifier);
  if (!key) return false;
  try {
    return verify('sha256', Buffer.from(body), { key, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * SPEC §8: GitHub's secret scanning partner receiver. A missing or bad signature changes nothing
 * (401). Otherwise every reported token that is a working token of a key marks it leaked, with
 * the place GitHub found it, and the answer labels each one.
 */
export async function receiveGitHubReport(
  keys: GitHubKeyCache,
  body: string,
  headers: { identifier: string | null; signature: string | null },
  caller: Caller,
): Promise<Result<GitHubLabel[]>> {
  if (!(await signedByGitHub(keys, body, headers.identifier, headers.signature))) {
    return failure('UNAUTHENTICATED', 'The report is not signed by a key GitHub publishes for secret scanning.');
  }
  const json = parseJson(body);
  if (!json.ok) return json;
  const report = gitHubReportSchema.safeParse(json.data);
  if (!report.success) return failure('VALIDATION', 'Send [{"token", "type", "url", "source"}, …].');
  const real = await reportLeakedTokens(
    report.data.map(({ token, url }) => ({ token, url: webAddress(url) })),
    'github',
    caller,
  );
  return success(
    report.data.map(({ token }) => {
      const digest = tokenDigest(token);
      return { token_hash: digest, token_type: GITHUB_TOKEN_TYPE, label: real.has(digest) ? 'true_positive' : 'false_positive' };
    }),
  );
}
