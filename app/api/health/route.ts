/** Liveness: answers without touching the database (and serves as the empty-route baseline of `npm run bench`). */
export function GET(): Response {
  return Response.json({ ok: true });
}

/** The same for POST, reading the body: `npm run bench` uses it as Next's floor for a JSON POST route. */
export async function POST(request: Request): Promise<Response> {
  await request.arrayBuffer();
  return Response.json({ ok: true });
}
