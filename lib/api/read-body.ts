import { failure, type Result, success } from '@/lib/errors';

export const MAX_BODY_BYTES = 64 * 1024;

export const bodyTooLarge = () => failure('PAYLOAD_TOO_LARGE', `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);

/** Collects a body chunk by chunk, for Web streams and node:http alike; `add` answers false once it is over the limit. */
export class BoundedBody {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  add(chunk: Uint8Array): boolean {
    this.size += chunk.byteLength;
    if (this.size > MAX_BODY_BYTES) return false;
    this.chunks.push(chunk);
    return true;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * A body that says it is something else (a form, multipart, XML…) is refused before it is read.
 * No type, or text/plain (what fetch sends for a string), is read as JSON.
 */
export function checkJsonContentType(request: Request): Result<null> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (!type || type === 'application/json' || type.endsWith('+json') || type === 'text/plain') return success(null);
  return failure('UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json, not ${type}.`);
}

/** Reads a JSON object body of at most 64 KiB; with `optional`, no body at all reads as `{}`. */
export async function readJsonObject(request: Request, { optional = false } = {}): Promise<Result<Record<string, unknown>>> {
  const accepted = checkJsonContentType(request);
  if (!accepted.ok) return accepted;
  const text = await readBoundedText(request);
  if (optional && text.ok && text.data.trim() === '') return success({});
  return text.ok ? parseJsonObject(text.data) : text;
}

/** Reads a body of at most 64 KiB, stopping as soon as it is larger. */
export async function readBoundedText(request: Request): Promise<Result<string>> {
  const length = request.headers.get('content-length');
  const declared = Number(length ?? 0);
  if (declared > MAX_BODY_BYTES) return bodyTooLarge();
  // With a declared length the server stops the body there, so reading it whole is bounded (and cheaper than chunk by chunk).
  if (length !== null && Number.isSafeInteger(declared)) return success(Buffer.from(await request.arrayBuffer()).toString('utf8'));
  const body = new BoundedBody();
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!body.add(value)) {
        await reader.cancel();
        return bodyTooLarge();
      }
    }
  }
  return success(body.text());
}

/** Any JSON value (GitHub's reports are arrays). */
export function parseJson(text: string, expected = 'JSON'): Result<unknown> {
  try {
    return success(JSON.parse(text) as unknown);
  } catch {
    return failure('VALIDATION', `The body must be ${expected}.`);
  }
}

export function parseJsonObject(text: string): Result<Record<string, unknown>> {
  const parsed = parseJson(text, 'a JSON object');
  if (!parsed.ok) return parsed;
  const value = parsed.data;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return failure('VALIDATION', 'The body must be a JSON object.');
  return success(value as Record<string, unknown>);
}
