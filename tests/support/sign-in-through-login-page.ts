const ENTITIES: Record<string, string> = { '&quot;': '"', '&#x27;': "'", '&#39;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&' };
const decodeEntities = (text: string) => text.replace(/&(quot|#x27|#39|lt|gt|amp);/g, (entity) => ENTITIES[entity]!);

/** The hidden inputs of the page's form: the callback URL and React's reference to the server action. */
function hiddenInputs(html: string): [string, string][] {
  return [...html.matchAll(/<input(?=[^>]*type="hidden")[^>]*>/g)].map(([tag]) => [
    decodeEntities(/name="([^"]*)"/.exec(tag)?.[1] ?? ''),
    decodeEntities(/value="([^"]*)"/.exec(tag)?.[1] ?? ''),
  ]);
}

/**
 * A sign-in as a browser without JavaScript makes it: the login page at `loginPath` (with its
 * callbackUrl), then its form posted back to it, which runs the sign-in server action. Returns
 * where the answer sends the browser (its Location) and the session cookie, if any.
 */
export async function signInThroughLoginPage(
  baseUrl: string,
  loginPath: string,
  { email, password }: { email: string; password: string },
  headers: Record<string, string> = {},
): Promise<{ status: number; location: string | null; session: string | undefined }> {
  const page = await fetch(`${baseUrl}${loginPath}`, { headers });
  const form = new FormData();
  for (const [name, value] of hiddenInputs(await page.text())) form.append(name, value);
  form.append('email', email);
  form.append('password', password);
  const response = await fetch(`${baseUrl}${loginPath}`, { method: 'POST', body: form, redirect: 'manual', headers });
  return {
    status: response.status,
    location: response.headers.get('location'),
    session: response.headers
      .getSetCookie()
      .find((line) => line.includes('session-token='))
      ?.split(';')[0],
  };
}
