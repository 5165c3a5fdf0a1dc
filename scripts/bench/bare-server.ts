// Baseline for `npm run bench`: the least a verification server can do — node:http,
// a SHA-256 digest, an LRU cache and one postgres.js lookup — with nothing of Keygate's.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { LRUCache } from 'lru-cache';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!, { max: 10 });
const cache = new LRUCache<string, { id: string; name: string; expires_at: Date } | false>({ max: 100_000, ttl: 5_000 });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    const { token } = JSON.parse(Buffer.concat(chunks).toString()) as { token: string };
    const digest = createHash('sha256').update(token).digest('hex');
    let row = cache.get(digest);
    if (row === undefined) {
      [row = false] = await sql<
        { id: string; name: string; expires_at: Date }[]
      >`select id, name, expires_at from api_access where token_digest = ${digest}`;
      cache.set(digest, row);
    }
    const body = JSON.stringify(row ? { valid: true, accessId: row.id, name: row.name } : { valid: false });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare ready'));
process.on('SIGTERM', () => {
  server.close();
  void sql.end().then(() => process.exit(0));
});
