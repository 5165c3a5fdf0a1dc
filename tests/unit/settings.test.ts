import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSettings, SETTING_NAMES, SettingsError, singleSignOn } from '@/lib/settings';

const problemsOf = (env: Record<string, string>) => {
  try {
    readSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error.message;
    throw error;
  }
  throw new Error('the settings were accepted');
};

describe('settings', () => {
  it('take their defaults when unset or empty', () => {
    expect(readSettings({ PORT: '', APP_URL: '' })).toMatchObject({
      PORT: 3000,
      HOST: 'localhost',
      TRUST_PROXY: '0',
      KEYGATE_SCHEDULER: 'on',
      KEYGATE_SCHEDULER_INTERVAL_MS: 3_600_000,
      EMAIL_FROM: 'Keygate <onboarding@resend.dev>',
      APP_URL: undefined,
    });
  });

  it('read numbers, choices and URLs into their types', () => {
    expect(
      readSettings({ PORT: '8080', TRUST_PROXY: '1', APP_URL: 'https://keys.example.com/', KEYGATE_USAGE_FLUSH_MS: '100' }),
    ).toMatchObject({
      PORT: 8080,
      TRUST_PROXY: '1',
      APP_URL: 'https://keys.example.com',
      KEYGATE_USAGE_FLUSH_MS: 100,
    });
  });

  it('refuse bad values, naming each setting, what was given and what it accepts', () => {
    const message = problemsOf({
      KEYGATE_SCHEDULER_INTERVAL_MS: 'hourly',
      TRUST_PROXY: 'maybe',
      APP_URL: 'keys.example.com',
      PORT: '70000',
    });
    expect(message).toContain('KEYGATE_SCHEDULER_INTERVAL_MS="hourly": expected a whole number of milliseconds from 100 to 86,400,000.');
    expect(message).toContain('TRUST_PROXY="maybe": expected one of “0”, “1”.');
    expect(message).toContain('APP_URL="keys.example.com": expected an http(s) URL');
    expect(message).toContain('PORT="70000": expected a whole number of a TCP port from 1 to 65,535.');
    expect(problemsOf({ DATABASE_URL: 'mysql://root@db/keygate' })).toContain(
      'DATABASE_URL="mysql://root@db/keygate": expected a PostgreSQL URL',
    );
    expect(problemsOf({ KEYGATE_SCHEDULER: 'no' })).toContain('KEYGATE_SCHEDULER="no": expected one of “on”, “off”.');
  });

  it('take single sign-on as all three of issuer, client id and secret or none, and its issuer over https (http on loopback only)', () => {
    const sso = { OIDC_ISSUER: 'https://example.okta.com', OIDC_CLIENT_ID: 'keygate', OIDC_CLIENT_SECRET: 's3cret' };
    expect(singleSignOn(readSettings({}))).toBeNull();
    expect(singleSignOn(readSettings(sso))).toEqual({
      issuer: 'https://example.okta.com',
      clientId: 'keygate',
      clientSecret: 's3cret',
      name: 'SSO',
    });
    expect(singleSignOn(readSettings({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:8080/realms/x', OIDC_NAME: 'Okta' }))?.name).toBe('Okta');
    const partial = problemsOf({ OIDC_ISSUER: sso.OIDC_ISSUER, OIDC_CLIENT_ID: sso.OIDC_CLIENT_ID });
    expect(partial).toContain(
      'OIDC_CLIENT_SECRET="": expected to be set: OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET go together (all three, or none).',
    );
    expect(partial).not.toContain('OIDC_ISSUER=');
    expect(problemsOf({ ...sso, OIDC_ISSUER: 'http://idp.example.com' })).toContain(
      'OIDC_ISSUER="http://idp.example.com": expected an https URL of an OpenID Connect issuer (http only on 127.0.0.1, ::1 or localhost).',
    );
  });

  it('are listed in the README’s settings table, all of them and nothing else', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('<!-- settings:start -->'), readme.indexOf('<!-- settings:end -->'));
    expect(table.length).toBeGreaterThan(0);
    const listed = [...table.matchAll(/^\| `([A-Z_0-9]+)` \|/gm)].map((match) => match[1]);
    expect(listed.toSorted()).toEqual([...SETTING_NAMES].sort());
  });
});
