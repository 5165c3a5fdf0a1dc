import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks' headers for one try: `webhook-signature` carries one `v1,` signature per
 * secret, space-separated (the current one, and during the 24 hours after a rotation the previous
 * one too), so receivers holding either secret verify.
 */
export function signedHeaders(webhookId: string, payload: string, secrets: string[], at = new Date()): Record<string, string> {
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': Math.floor(at.getTime() / 1000).toString(),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(webhookId, at, payload)).join(' '),
  };
}
