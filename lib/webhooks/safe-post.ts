import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRefusal, ipLiteral, urlRefusal } from './address-rules';

export type ResolvedAddress = { address: string; family: number };
/** Resolves a name to every address it has (tests inject their own: no DNS offline). */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;
const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export type PostOutcome = { kind: 'answered'; status: number; durationMs: number } | { kind: 'failed'; error: string; durationMs: number };

export type PostOptions = {
  headers: Record<string, string>;
  body: string;
  allowPrivate: boolean;
  resolve?: Resolve;
  timeoutMs?: number;
  maxResponseBytes?: number;
};

/** A lookup that answers only the address already checked: the connection goes where the check looked (no DNS rebinding). */
const pinnedLookup =
  ({ address, family }: ResolvedAddress): LookupFunction =>
  (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: ResolvedAddress[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };

/** Resolves once and checks every address: one private address among public ones is enough to refuse. */
async function destination(url: URL, allowPrivate: boolean, resolve: Resolve): Promise<ResolvedAddress | string> {
  const literal = ipLiteral(url.hostname);
  if (literal) return { address: literal, family: literal.includes(':') ? 6 : 4 };
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(url.hostname);
  } catch (error) {
    return `${url.hostname} does not resolve (${(error as { code?: string }).code ?? 'lookup failed'}).`;
  }
  if (addresses.length === 0) return `${url.hostname} does not resolve.`;
  if (!allowPrivate) {
    const refused = addresses.map((entry) => addressRefusal(entry.address)).find(Boolean);
    if (refused) return `Refused: ${url.hostname} resolves to ${refused}`;
  }
  return addresses[0]!;
}

/**
 * POSTs a webhook under SPEC §9's rules: the URL's rules checked, the name resolved once and every
 * address checked, the connection made to that address (SNI and Host from the URL), no redirect
 * followed (a 3xx is just an answer that is not 2xx), a deadline of 15 s for the whole exchange, and
 * at most 64 KiB of the answer read. Never throws.
 */
export async function safePost(rawUrl: string, options: PostOptions): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const refusal = urlRefusal(rawUrl, options.allowPrivate);
  if (refusal) return { kind: 'failed', error: refusal, durationMs: elapsed() };
  const url = new URL(rawUrl);
  const target = await destination(url, options.allowPrivate, options.resolve ?? systemResolve);
  if (typeof target === 'string') return { kind: 'failed', error: target, durationMs: elapsed() };
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxResponseBytes ?? 64 * 1024;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<PostOutcome>((settle) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.destroy();
      settle(outcome);
    };
    const request = client.request(url, {
      method: 'POST',
      headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body).toString() },
      lookup: pinnedLookup(target),
      // A connection of its own: a pooled one might lead to an address checked for another URL.
      agent: false,
    });
    const deadline = setTimeout(
      () => finish({ kind: 'failed', error: `No answer within ${timeoutMs / 1000} s.`, durationMs: elapsed() }),
      timeoutMs,
    );
    request.on('response', (response) => {
      let read = 0;
      const answered = () => finish({ kind: 'answered', status: response.statusCode ?? 0, durationMs: elapsed() });
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        // Enough: what is left of a large answer is not waited for.
        if (read >= maxBytes) answered();
      });
      response.on('end', answered);
      response.on('error', answered);
    });
    request.on('error', (error) => finish({ kind: 'failed', error: error.message, durationMs: elapsed() }));
    request.end(options.body);
  });
}
