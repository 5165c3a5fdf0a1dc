/** An endpoint as pages and the REST API see it: never its secret. */
export type Webhook = {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Creation and rotation answer the secret, once. */
export type WebhookWithSecret = { webhook: Webhook; secret: string };

export type WebhookAttempt = {
  id: string;
  at: Date;
  status: 'delivered' | 'failed';
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
};

export type WebhookDelivery = {
  id: string;
  webhookId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
  lastError: string | null;
  payload: string;
  attempts: WebhookAttempt[];
};
