import { tokenDigest, tokenStart } from '@/lib/tokens/token';

/** An api_access row for a bench key: 300 days from expiry, created by and belonging to the bench's user. */
export const benchKeyRow = (key: { id: string; token: string }, name: string, userId: string) => ({
  id: key.id,
  name,
  token_digest: tokenDigest(key.token),
  token_start: tokenStart(key.token),
  expires_at: new Date(Date.now() + 300 * 86_400_000),
  created_by_kind: 'user',
  created_by_id: userId,
  created_by_name: 'Bench',
  author_user_id: userId,
});
