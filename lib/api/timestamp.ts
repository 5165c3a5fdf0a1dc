import { z } from 'zod';

/** Every instant in a JSON answer: ISO 8601 in UTC, as `Date#toISOString` writes it. */
export const timestampSchema = z.iso.datetime({ offset: true }).describe('ISO 8601, UTC');
