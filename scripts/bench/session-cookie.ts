import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import postgres from 'postgres';

/**
 * A session cookie for an ADMIN of this database, as next-auth would issue it after signing in
 * (the bench servers' secret is the bench's own): the user is created if missing.
 */
export async function adminSessionCookie(url: string, secret: string, email: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [user] = await sql<{ id: string; email: string }[]>`
      insert into users (email, name, password_hash) values (${email}, 'Bench', 'x')
      on conflict (lower(email)) do update set name = excluded.name
      returning id, email`;
    await sql`insert into user_roles (user_id, role_id) select ${user!.id}, id from roles where name = 'ADMIN' on conflict do nothing`;
    const name = 'authjs.session-token';
    const value = await encode({
      token: { sub: user!.id, email: user!.email, name: 'Bench', sv: 0, authAt: Math.floor(Date.now() / 1000), sid: randomUUID() },
      secret,
      salt: name,
      maxAge: 3600,
    });
    return `${name}=${value}`;
  } finally {
    await sql.end();
  }
}
