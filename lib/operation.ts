import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { recordRefusal } from '@/lib/audit/refusals';
import { authorize } from '@/lib/auth/authorize';
import type { Permission } from '@/lib/auth/permissions';
import { validationFailure, type Result } from '@/lib/errors';

/**
 * Builds an operation: check the named permission, parse the input with zod,
 * then run. Server actions and route handlers call the result, so authorization
 * and validation live here once.
 *
 * @example
 * export const deleteRole = defineOperation({
 *   permission: 'deleteRole',
 *   input: z.object({ id: z.uuid() }),
 *   run: async (actor, { id }) => success({ id }),
 * });
 */
export function defineOperation<Schema extends z.ZodType, Output>(definition: {
  permission: Permission;
  input: Schema;
  run: (actor: Actor, input: z.output<Schema>) => Promise<Result<Output>>;
}) {
  const attempt = async (actor: Actor, rawInput: unknown): Promise<Result<Output>> => {
    // Permission first: someone without it learns nothing, not even which fields are wrong.
    const denied = authorize(actor, definition.permission);
    if (denied) return denied;
    const parsed = definition.input.safeParse(rawInput);
    if (!parsed.success) return validationFailure(parsed.error);
    return definition.run(actor, parsed.data);
  };
  const perform = async (actor: Actor, rawInput: unknown): Promise<Result<Output>> => {
    const result = await attempt(actor, rawInput);
    // Every refusal is audited: who, what, which target (batched, so a flood costs nothing).
    if (!result.ok && result.code === 'FORBIDDEN') {
      const id = (rawInput as { id?: unknown } | null)?.id;
      recordRefusal(actor, definition.permission, typeof id === 'string' ? id.slice(0, 64) : null, result.message);
    }
    return result;
  };
  const operation = (actor: Actor, input: z.input<Schema>) => perform(actor, input);
  /** The same operation for a JSON body of unknown shape (the REST API): its schema is the only check. */
  operation.fromRequestBody = (actor: Actor, body: Record<string, unknown>) => perform(actor, body);
  /** The input schema, from which the HTTP bodies of lib/api/contract.ts are built. */
  operation.input = definition.input;
  return operation;
}
