/** A first path segment longer than this may be a token itself, and is not shown either. */
const LONGEST_SHOWN_SEGMENT = 24;

/**
 * A webhook URL as an email shows it: the origin and at most the first path segment, the rest as
 * "…". Receivers often carry their secret in the path (Slack's `/services/T…/B…/<secret>`,
 * Discord's `/api/webhooks/<id>/<token>`) or the query, and an email is read, forwarded and kept
 * where Keygate cannot reach it. The full URL is on the endpoint's page.
 */
export function shortWebhookUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(an address Keygate cannot read)';
  }
  const segments = parsed.pathname.split('/').filter(Boolean);
  if (!segments.length && !parsed.search) return parsed.origin;
  const [first] = segments;
  // A lone segment could be the secret: only one followed by more (the secret's place) is shown.
  const shown = segments.length > 1 && first!.length <= LONGEST_SHOWN_SEGMENT ? `/${first}` : '';
  return `${parsed.origin}${shown}/…`;
}
