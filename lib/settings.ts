import { z } from 'zod';

/**
 * Every setting Keygate reads from its environment (SPEC §5 and the tuning knobs), in one
 * place: read and validated with zod into a typed object. A bad value stops the start
 * (server/start.ts calls loadSettings first) with a message naming the setting and what it
 * accepts. Nothing else reads process.env. The README's settings table lists exactly these
 * (tests/unit/settings.test.ts).
 */

const text = (accepts = 'any text') => z.string({ error: accepts }).min(1, accepts);
const optionalText = (accepts?: string) => text(accepts).optional();
const integer = (min: number, max: number, unit: string) => {
  const accepts = `a whole number of ${unit} from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`;
  return z.coerce.number({ error: accepts }).int(accepts).min(min, accepts).max(max, accepts);
};
const choice = <const Values extends readonly [string, ...string[]]>(values: Values) =>
  z.enum(values, { error: `one of ${values.map((value) => `“${value}”`).join(', ')}` });
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'an http(s) URL, such as https://keygate.example.com' })
  .transform((url) => url.replace(/\/+$/, ''));
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'a PostgreSQL URL, such as postgres://user:password@host:5432/keygate');
// OpenID Connect issuers speak https; plain http only on this machine (a local provider, as the tests run).
const oidcIssuer = z
  .url({ protocol: /^https?$/, error: 'an https URL of an OpenID Connect issuer, such as https://example.okta.com' })
  .refine((url) => url.startsWith('https:') || ['127.0.0.1', '[::1]', 'localhost'].includes(new URL(url).hostname), {
    error: 'an https URL of an OpenID Connect issuer (http only on 127.0.0.1, ::1 or localhost)',
  });
const email = z.email({ error: 'an email address' }).transform((value) => value.toLowerCase());

const SECOND = 1000;
const HOUR = 3600 * SECOND;

export const settingsSchema = z.object({
  // Where the data lives
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_MIGRATION_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: integer(1, 1000, 'connections').default(10),
  EMBEDDED_POSTGRES_PORT: integer(1, 65_535, 'a TCP port').default(54_329),
  KEYGATE_DATA_DIR: text('a directory path').default('.data'),
  // Serving
  PORT: integer(1, 65_535, 'a TCP port').default(3000),
  HOST: text('a host name or address').default('localhost'),
  APP_URL: httpUrl.optional(),
  TRUST_PROXY: choice(['0', '1']).default('0'),
  // Leak response (SPEC §8)
  GITHUB_SECRET_SCANNING_KEYS_URL: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL serving GitHub-style secret scanning public keys' })
    .default('https://api.github.com/meta/public_keys/secret_scanning'),
  AUTH_SECRET: optionalText('a secret of your own (any text; 32 random bytes recommended)'),
  KEYGATE_TWO_FACTOR: choice(['optional', 'required']).default('optional'),
  // Single sign-on (SPEC §10): the issuer exactly as its discovery document spells it (no slash added or removed).
  OIDC_ISSUER: oidcIssuer.optional(),
  OIDC_CLIENT_ID: optionalText('the client id the identity provider gave Keygate'),
  OIDC_CLIENT_SECRET: optionalText('the client secret the identity provider gave Keygate'),
  OIDC_NAME: text('a name people know the identity provider by, such as Okta').max(60, 'at most 60 characters').default('SSO'),
  KEYGATE_FAST_VERIFY: choice(['0', '1']).default('1'),
  KEYGATE_HEAP_MB: integer(64, 65_536, 'megabytes').default(224),
  // Operations (SPEC §11)
  LOG_LEVEL: choice(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  METRICS_TOKEN: optionalText('a secret of your own'),
  // The first administrator
  ADMIN_EMAIL: email.default('admin@example.com'),
  ADMIN_PASSWORD: optionalText('a password'),
  // Expiry notifications
  RESEND_API_KEY: optionalText('a Resend API key'),
  EMAIL_FROM: text('a sender, such as Keygate <keys@example.com>').default('Keygate <onboarding@resend.dev>'),
  CRON_SECRET: optionalText('a secret of your own'),
  KEYGATE_SCHEDULER: choice(['on', 'off']).default('on'),
  KEYGATE_SCHEDULER_FIRST_RUN_MS: integer(0, 24 * HOUR, 'milliseconds').default(60 * SECOND),
  KEYGATE_SCHEDULER_INTERVAL_MS: integer(100, 24 * HOUR, 'milliseconds').default(HOUR),
  KEYGATE_EMAIL_INTERVAL_MS: integer(0, 60 * SECOND, 'milliseconds').default(550),
  KEYGATE_EMAIL_TIMEOUT_MS: integer(100, 120 * SECOND, 'milliseconds').default(15 * SECOND),
  // Webhooks
  KEYGATE_WEBHOOK_ALLOW_PRIVATE: choice(['0', '1']).default('0'),
  KEYGATE_WEBHOOK_DELIVERY: choice(['on', 'off']).default('on'),
  // Tuning
  // Changes reach the token cache by NOTIFY at once, and a reconnect of the listener clears it, so
  // the TTL only bounds how long a notice lost some other way can matter. 30 s keeps keys used
  // every few seconds cached, at a cost of one lookup per key per 30 s.
  KEYGATE_TOKEN_CACHE_TTL_MS: integer(0, HOUR, 'milliseconds').default(30 * SECOND),
  KEYGATE_TOKEN_LOOKUP_POOL_SIZE: integer(1, 100, 'connections').default(3),
  KEYGATE_USAGE_FLUSH_MS: integer(10, HOUR, 'milliseconds').default(5 * SECOND),
  KEYGATE_REFUSAL_FLUSH_MS: integer(10, HOUR, 'milliseconds').default(5 * SECOND),
  KEYGATE_BEARER_FAILURE_LIMIT: integer(1, 1_000_000, 'failures per minute').default(30),
});

const OIDC_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** Half a single sign-on set-up would start without SSO, silently: it stops the start, naming what is missing. */
const checkedSchema = settingsSchema.superRefine((given, context) => {
  const missing = OIDC_REQUIRED.filter((name) => given[name] === undefined);
  if (missing.length === 0 || missing.length === OIDC_REQUIRED.length) return;
  for (const name of missing)
    context.addIssue({ code: 'custom', path: [name], message: `to be set: ${OIDC_REQUIRED.join(', ')} go together (all three, or none)` });
});

export type Settings = z.output<typeof settingsSchema>;
export const SETTING_NAMES = Object.keys(settingsSchema.shape) as (keyof Settings)[];

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Keygate cannot start: ${problems.length === 1 ? 'a setting is' : 'some settings are'} not valid.\n${problems.map((problem) => `  ${problem}`).join('\n')}`,
    );
  }
}

/** Reads and validates the settings of `env`; throws a SettingsError naming every bad one. */
export function readSettings(env: Record<string, string | undefined>): Settings {
  // Surrounding spaces are a config file's, not the value's; an empty variable (`PORT=`) is not set.
  const given = (name: string) => env[name]?.trim() || undefined;
  const parsed = checkedSchema.safeParse(Object.fromEntries(SETTING_NAMES.map((name) => [name, given(name)])));
  if (parsed.success) return parsed.data;
  throw new SettingsError(
    parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}=${JSON.stringify(env[name] ?? '')}: expected ${issue.message}.`;
    }),
  );
}

let cached: { fingerprint: string; settings: Settings } | undefined;

/**
 * The settings now. Read again only when the environment changed: the start fills in some
 * (the embedded database's URLs, a generated AUTH_SECRET), and tests set their own.
 */
export function settings(): Settings {
  const fingerprint = SETTING_NAMES.map((name) => process.env[name] ?? '\u0000').join('\u0001');
  if (cached?.fingerprint !== fingerprint) cached = { fingerprint, settings: readSettings(process.env) };
  return cached.settings;
}

/** Single sign-on's settings when it is configured (all three set), else null. */
export function singleSignOn(from: Settings = settings()) {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_NAME: name } = from;
  return issuer && clientId && clientSecret ? { issuer, clientId, clientSecret, name } : null;
}

/** At start: the settings, or the start stops here with what is wrong. */
export const loadSettings = () => settings();
