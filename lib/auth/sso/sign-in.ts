import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit, type AnonymousActor } from '@/lib/audit/record-audit';
import { isDatabaseUnavailable } from '@/lib/errors';
import type { SsoIdentity } from './identity';

export type SsoRefusal = 'unverified' | 'unknown' | 'disabled' | 'unavailable';

export type SsoSignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number; secondFactor: 'sso'; providerAuthAt: number } }
  | { ok: false; reason: SsoRefusal };

type Context = { ip: string; userAgent?: string | null; requestId?: string | null };

/**
 * A sign-in through the identity provider: its verified email, in any case, must be an existing,
 * enabled user's. Nobody is created. The provider did the authentication (and its own second
 * factor), so the session records the second factor as passed by SSO. Every attempt is audited
 * with its method, beside the password's sign-ins.
 */
export async function signInWithSso(identity: SsoIdentity | null, context: Context): Promise<SsoSignInOutcome> {
  try {
    const outcome = await match(identity);
    await audit(identity, outcome, context);
    return outcome.ok ? { ok: true, user: outcome.user } : { ok: false, reason: outcome.reason };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { ok: false, reason: 'unavailable' };
    throw error;
  }
}

async function match(identity: SsoIdentity | null) {
  // An unverified email could be anyone's claim (many providers let people type it): never matched.
  if (!identity?.verified) return { ok: false as const, reason: 'unverified' as const, userId: null };
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, sessionVersion: users.sessionVersion, disabled: users.disabled })
    .from(users)
    .where(eq(sql`lower(${users.email})`, identity.email));
  if (!user) return { ok: false as const, reason: 'unknown' as const, userId: null };
  if (user.disabled) return { ok: false as const, reason: 'disabled' as const, userId: user.id };
  const { disabled: _disabled, ...signedIn } = user;
  // A recent sign-in is the provider's authentication, not Keygate's receiving it (lib/auth/recent-sign-in.ts).
  const now = Math.floor(Date.now() / 1000);
  const providerAuthAt = Math.min(identity.authenticatedAt ?? now, now);
  return { ok: true as const, user: { ...signedIn, secondFactor: 'sso' as const, providerAuthAt } };
}

async function audit(identity: SsoIdentity | null, outcome: Awaited<ReturnType<typeof match>>, context: Context) {
  const email = identity?.email ?? '';
  if (outcome.ok) {
    const { id, name } = outcome.user;
    const actor = { kind: 'user' as const, id, name, grants: [], ...context };
    await recordAudit(db, actor, { action: 'auth.sign_in', targetId: id, targetName: outcome.user.email, after: { method: 'oidc' } });
    return;
  }
  const actor: AnonymousActor = { kind: 'anonymous', id: null, name: email || 'no email from the identity provider', ...context };
  await recordAudit(db, actor, {
    action: 'auth.sign_in_refused',
    targetId: outcome.userId ?? '',
    targetName: email,
    after: { method: 'oidc', reason: outcome.reason },
  });
}
