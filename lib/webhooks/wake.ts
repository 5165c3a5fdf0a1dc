/**
 * Wakes this process's delivery worker at once (after a commit that raised events) instead of at
 * its next poll. Other instances find the events at their next poll, within a second.
 */
const globalForWake = globalThis as typeof globalThis & { __keygateWebhookWakers?: Set<() => void> };
const wakers = () => (globalForWake.__keygateWebhookWakers ??= new Set());

export function onWebhookEvents(wake: () => void): () => void {
  wakers().add(wake);
  return () => wakers().delete(wake);
}

export function wakeDeliveryWorkers(): void {
  for (const wake of wakers()) wake();
}
