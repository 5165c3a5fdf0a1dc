import { failure } from '@/lib/errors';

/** The one answer for an Access ID that names no key (of any form, deleted, or never made). */
export const keyNotFound = () => failure('NOT_FOUND', 'No API Access has this Access ID. It may have been deleted.');
