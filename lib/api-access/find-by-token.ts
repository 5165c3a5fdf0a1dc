import 'server-only';
import { eq, or } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '@/db/client';
import { apiAccess, retiredTokens } from '@/db/schema';
import { failure, success } from '@/lib/errors';
import { defineOperation } from '@/lib/operation';
import { isWellFormedToken, tokenDigest } from '@/lib/tokens/token';

export const findByTokenInput = z.strictObject({
  token: z.string().trim().min(1, 'Paste a token.').max(200, 'That is not a Keygate token.'),
});

/**
 * SPEC §8 "Find by token": the key a pasted token belongs to (current, or previous during a
 * rotation), for someone who may open keys. A token that stopped working says which key it was.
 * The token arrives in a form body and is only ever hashed.
 */
export const findApiAccessByToken = defineOperation({
  permission: 'getApiAccess',
  input: findByTokenInput,
  async run(_actor, { token }) {
    if (!isWellFormedToken(token))
      return failure('VALIDATION', 'That is not a Keygate token (kg_ and 49 characters, with a valid checksum).', {
        token: ['That is not a Keygate token.'],
      });
    const digest = tokenDigest(token);
    const [key] = await db
      .select({ id: apiAccess.id })
      .from(apiAccess)
      .where(or(eq(apiAccess.tokenDigest, digest), eq(apiAccess.previousTokenDigest, digest)));
    if (key) return success({ id: key.id });
    const [retired] = await db.select().from(retiredTokens).where(eq(retiredTokens.tokenDigest, digest));
    if (retired) {
      return failure(
        'NOT_FOUND',
        `This token no longer works: it was ${retired.reason === 'deleted' ? 'deleted with' : 'replaced on'} ${retired.accessName} (${retired.apiAccessId}).`,
      );
    }
    return failure('NOT_FOUND', 'This token matches no API Access.');
  },
});
