'use client';

import { usePathname } from 'next/navigation';
import { signInWithSsoAgainAction } from '@/lib/auth/sso/actions';

/** Beside the password a sensitive action asks for: a fresh sign-in with the identity provider, back to this page. */
export function SsoReauthButton({ name }: { name: string }) {
  return (
    <>
      <input type="hidden" name="$returnTo" value={usePathname()} />
      <button type="submit" className="button" formAction={signInWithSsoAgainAction} formNoValidate>
        Sign in with {name} again
      </button>
    </>
  );
}
