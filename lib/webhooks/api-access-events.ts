import type { Queryable } from '@/db/client';
import type { ApiAccess } from '@/lib/api-access/types';
import { apiAccessJson } from '@/lib/api/serialize';
import type { Actor } from '@/lib/auth/actor';
import type { WebhookEventType } from './event-types';
import { raiseWebhookEvents } from './raise-event';

/** Who caused an event, as receivers see it: never grants, addresses or tokens. */
export type EventActor = { kind: string; id: string | null; name: string };
export const eventActor = (actor: EventActor | Actor): EventActor => ({
  kind: actor.kind,
  id: actor.id,
  name: actor.name,
});

/** `data` of an api_access.* event: the key as the REST API's ApiAccess (no token) and the actor, plus extra fields (threshold). */
export const apiAccessEventData = (key: ApiAccess, actor: EventActor, extra: Record<string, unknown> = {}) => ({
  apiAccess: apiAccessJson(key),
  actor: eventActor(actor),
  ...extra,
});

/** Raises one api_access.* event for each of `keys`, in the caller's transaction. */
export const raiseApiAccessEvent = (q: Queryable, actor: EventActor, type: WebhookEventType, keys: ApiAccess | ApiAccess[]) =>
  raiseWebhookEvents(
    q,
    (Array.isArray(keys) ? keys : [keys]).map((key) => ({ type, data: apiAccessEventData(key, actor) })),
  );

/** An update's event: enabling and disabling are events of their own, as they are audit entries of their own. */
export const apiAccessUpdateEvent = (before: ApiAccess, after: ApiAccess): WebhookEventType =>
  before.enabled === after.enabled ? 'api_access.updated' : after.enabled ? 'api_access.enabled' : 'api_access.disabled';
