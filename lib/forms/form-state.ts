import type { FieldErrors } from '@/lib/errors';

/** What a form's server action hands back: a message, errors per field, and what was typed, so nothing is lost. */
export type FormState = {
  status: 'idle' | 'error' | 'success';
  message?: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, string | string[]>;
  /** A one-time token, shown once by the form that asked for it; never put in a URL. */
  token?: string;
  accessId?: string;
  /** Recovery codes just made: shown once by the form that asked for them, stored only hashed. */
  recoveryCodes?: string[];
  /** A passkey ceremony's options (JSON) for the browser, whose challenge the server kept. */
  passkeyOptions?: string;
  /** The action needs the password typed again (the sign-in is older than 15 minutes): the form asks for it and is sent again. */
  reauth?: boolean;
  /** Signed in with single sign-on: the identity provider's name, whose fresh sign-in confirms it too. */
  reauthWith?: string;
};

export const idleFormState: FormState = { status: 'idle' };
