/**
 * A sign-in through next-auth's credentials endpoint, as a browser's form would send it.
 * Returns the session cookie, or the refusal's code ("invalid", "throttled", "unavailable"…).
 */
export async function signInOverHttp(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: '/' }),
  });
  const session = response.headers.getSetCookie().find((line) => line.includes('session-token='));
  if (session) return session.split(';')[0]!;
  return new URL(response.headers.get('location') ?? '', baseUrl).searchParams.get('code') ?? 'no answer';
}
