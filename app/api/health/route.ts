/** Liveness: answers without touching the database (and serves as the empty-route baseline of `npm run bench`). */
export function GET(): Response {
  return Response.json({ ok: true });
}
