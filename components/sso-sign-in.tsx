import { signInWithSsoAction } from '@/lib/auth/sso/actions';

/** Single sign-on's way in, below the password form: a form, so next-auth's redirect to the provider starts from a POST. */
export function SsoSignIn({ name, callbackUrl }: { name: string; callbackUrl?: string }) {
  return (
    <form action={signInWithSsoAction} className="sso-sign-in">
      <p className="muted">or</p>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <button type="submit" className="button">
        Sign in with {name}
      </button>
    </form>
  );
}
