import { describe, expect, it } from 'vitest';
import { ssoIdentity } from '@/lib/auth/sso/identity';
import { ssoMessage } from '@/lib/auth/sso/messages';
import { signInMoment } from '@/lib/auth/session-rules';

const idToken = (claims: Record<string, unknown>) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.signature`;

describe('the identity single sign-on takes from the provider', () => {
  it('is the email, in lower case, vouched for only by email_verified true (from the ID token or userinfo)', () => {
    expect(ssoIdentity({ sub: '1', email: ' Ada@Example.COM ', email_verified: true }, undefined)).toEqual({
      email: 'ada@example.com',
      verified: true,
    });
    expect(ssoIdentity({ sub: '1', email: 'ada@example.com' }, idToken({ sub: '1', email_verified: true }))?.verified).toBe(true);
    expect(ssoIdentity({ sub: '1', email: 'ada@example.com', email_verified: 'true' }, undefined)?.verified).toBe(true);
    for (const unverified of [false, 'false', 1, undefined, null])
      expect(ssoIdentity({ sub: '1', email: 'ada@example.com', email_verified: unverified }, undefined)?.verified).toBe(false);
  });

  it('says when the person last authenticated to the provider, from the ID token’s auth_time', () => {
    expect(ssoIdentity({ sub: '1', email: 'ada@example.com' }, idToken({ auth_time: 1_700_000_000 }))?.authenticatedAt).toBe(1_700_000_000);
    expect(ssoIdentity({ sub: '1', email: 'ada@example.com' }, undefined)).not.toHaveProperty('authenticatedAt');
  });

  it('takes Entra ID’s xms_edov only where the provider sends no email_verified', () => {
    expect(ssoIdentity({ sub: '1', email: 'ada@example.com' }, idToken({ xms_edov: true }))?.verified).toBe(true);
    expect(ssoIdentity({ sub: '1', email: 'ada@example.com', email_verified: false }, idToken({ xms_edov: true }))?.verified).toBe(false);
  });

  it('is nothing without an email, or with a malformed ID token and no email in userinfo', () => {
    expect(ssoIdentity({ sub: '1', email_verified: true }, undefined)).toBeNull();
    expect(ssoIdentity({ sub: '1', email: '' }, 'not a token')).toBeNull();
    expect(ssoIdentity(undefined, 'a.%%%.b')).toBeNull();
  });
});

describe('the sign-in page’s message after single sign-on', () => {
  it('names the reason Keygate refused, and only that the sign-in did not complete otherwise', () => {
    expect(ssoMessage('Okta', { sso: 'unknown' })).toContain('No Keygate user has the email address Okta gave for you.');
    expect(ssoMessage('Okta', { error: 'CallbackRouteError' })).toBe('Signing in with Okta did not complete. Try again.');
    expect(ssoMessage('Okta', { sso: 'toString' })).toBe('Signing in with Okta did not complete. Try again.');
    expect(ssoMessage('Okta', {})).toBeUndefined();
    expect(ssoMessage('Okta', { error: 'CredentialsSignin' })).toBeUndefined();
  });
});

describe('the moment a session last proved who is behind it (recent sign-in)', () => {
  it('is the provider’s authentication for a single sign-on, the sign-in itself otherwise', () => {
    expect(signInMoment({ authAt: 2000, secondFactor: 'sso', providerAuthAt: 1000 })).toBe(1000);
    expect(signInMoment({ authAt: 2000 })).toBe(2000);
  });
});
