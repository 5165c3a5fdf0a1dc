import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, type WebhookDeliveryRow, type WebhookEndpointRow } from '@/db/schema';
import { KEYGATE_SYSTEM, recordAudit } from '@/lib/audit/record-audit';
import { success } from '@/lib/errors';
import { heldBy, RELEASED } from '@/lib/outbox/claim';
import { inTransaction } from '@/lib/transaction';
import { queueWebhookDisabledEmails } from './disabled-email';
import { retryDelayMs } from './retry-schedule';
import { safePost, type PostOutcome, type Resolve } from './safe-post';
import { openSecret } from './secret-box';
import { signedHeaders } from './sign';

export type DeliverOptions = { allowPrivate: boolean; resolve?: Resolve; timeoutMs?: number };

/** The secrets that sign now: the current one, and the previous one until its 24 hours are over. */
export function signingSecrets(endpoint: WebhookEndpointRow, now = new Date()): string[] {
  const secrets = [openSecret(endpoint.id, endpoint.secretBox)];
  if (endpoint.previousSecretBox && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(openSecret(endpoint.id, endpoint.previousSecretBox));
  }
  return secrets;
}

const GONE = 410;
const GONE_REASON = 'The receiver answered 410 Gone.';
const summary = (outcome: PostOutcome) => (outcome.kind === 'failed' ? outcome.error : `The endpoint answered ${outcome.status}.`);

/** One try of a claimed delivery: signed, sent under the SSRF rules, and its outcome recorded while the lease holds. */
export async function deliverOnce(q: Db, delivery: WebhookDeliveryRow, options: DeliverOptions): Promise<PostOutcome> {
  const [endpoint] = await q.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId));
  if (!endpoint) return { kind: 'failed', error: 'The endpoint was deleted.', durationMs: 0 };
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Keygate-Webhooks/1.0',
    ...signedHeaders(delivery.webhookId, delivery.payload, signingSecrets(endpoint)),
  };
  const outcome = await safePost(endpoint.url, { headers, body: delivery.payload, ...options });
  await recordOutcome(q, delivery, endpoint, outcome);
  return outcome;
}

async function recordOutcome(q: Db, delivery: WebhookDeliveryRow, endpoint: WebhookEndpointRow, outcome: PostOutcome) {
  const delivered = outcome.kind === 'answered' && outcome.status >= 200 && outcome.status < 300;
  const gone = outcome.kind === 'answered' && outcome.status === GONE;
  const delay = retryDelayMs(delivery.attempts);
  const error = delivered ? null : summary(outcome);
  const attempt = {
    deliveryId: delivery.id,
    status: delivered ? ('delivered' as const) : ('failed' as const),
    responseStatus: outcome.kind === 'answered' ? outcome.status : null,
    durationMs: outcome.durationMs,
    error,
  };
  const change = delivered
    ? { status: 'delivered' as const, deliveredAt: sql`now()`, lastError: null }
    : gone || delay === null
      ? {
          status: 'failed' as const,
          lastError: gone ? `${error} The endpoint was disabled.` : `${error} Gave up after ${delivery.attempts} tries.`,
        }
      : { lastError: error, nextAttemptAt: sql`now() + make_interval(secs => ${delay / 1000})` };
  const settle = (on: Db | Tx) =>
    on
      .update(webhookDeliveries)
      .set({ ...RELEASED, ...change })
      .where(heldBy(webhookDeliveries, delivery));
  // The usual case in one round trip: the attempt and the outcome in one statement (a CTE), committed together.
  if (!gone) {
    const settled = q.$with('settled').as(settle(q).returning({ id: webhookDeliveries.id }));
    await q.with(settled).insert(webhookAttempts).values(attempt);
    return;
  }
  // A unit of work of its own (the app's pool): the email is raised with the change and sent once it commits.
  await inTransaction(async (tx) => {
    // The attempt is recorded whoever holds the delivery now, as on the usual path.
    await tx.insert(webhookAttempts).values(attempt);
    const [held] = await settle(tx).returning({ id: webhookDeliveries.id });
    // The lease ran out while the answer came: the delivery is another worker's, and so is what its answer does.
    if (!held) return success(undefined);
    // 410 Gone: the receiver says the endpoint no longer exists (SPEC §9). Its author is told by email, the audit log and its page.
    const [disabled] = await tx
      .update(webhookEndpoints)
      .set({ enabled: false, disabledReason: GONE_REASON, updatedAt: sql`now()` })
      .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.enabled, true)))
      .returning({ updatedAt: webhookEndpoints.updatedAt });
    if (disabled) {
      await recordAudit(tx, KEYGATE_SYSTEM, {
        action: 'webhook.disabledByReceiver',
        targetId: endpoint.id,
        targetName: endpoint.url,
        before: { enabled: true },
        after: { enabled: false, reason: GONE_REASON, deliveryId: delivery.id },
      });
      await queueWebhookDisabledEmails(tx, endpoint, {
        disabledAt: disabled.updatedAt,
        responseStatus: GONE,
        eventType: delivery.eventType,
      });
    }
    return success(undefined);
  });
}
