/** Liveness: answers without touching the database (and serves as the empty-route baseline of `npm run bench`). */
export function GET(): Response {
  return Response.json({ ok: true });
}

/**
 * The same for POST, not reading the body: `npm run bench` sends it the verify route's own
 * requests, to measure what Next itself costs for them before any handler code runs.
 */
export function POST(): Response {
  return Response.json({ ok: true });
}
