import type { Actor } from '@/lib/auth/actor';
import { failure, type Failure } from '@/lib/errors';

/** The signed-in user acting on their own two-factor. */
export type Self = Actor & { email: string };

/** Only a signed-in user has a second factor of their own (an API key acting has none). */
export const notASignedInUser = (actor: Actor): Failure | null =>
  actor.kind === 'user' ? null : failure('FORBIDDEN', 'Only a signed-in user has two-factor authentication.');
