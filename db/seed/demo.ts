import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import postgres from 'postgres';
import { generateAccessId } from '@/lib/api-access/access-id';
import { auditSnapshot } from '@/lib/api-access/audit-snapshot';
import { MAX_EXPIRY_DAYS } from '@/lib/api-access/schemas';
import { auditTargetType, type AuditAction } from '@/lib/audit/actions';
import { diffSnapshots } from '@/lib/audit/record-audit';
import type { Grant } from '@/lib/auth/permissions';
import { planKey } from '@/lib/notifications/windows';
import { DAY_MS, HOUR_MS } from '@/lib/time';
import { generateToken, tokenDigest, tokenStart } from '@/lib/tokens/token';

/**
 * A realistic organization for demos, benchmarks and scale checks: teams with roles scoped by name
 * patterns, their people, and keys named after their services, tagged, expiring over the past and
 * the next year, with usage history and their creation in the audit log. Raw inserts in batches
 * (the app's operations would take an argon2-free minute per few thousand keys), but every
 * derived column is computed by the app's own functions (token digest and start, Access ID,
 * the next expiry-notice check).
 */

export const TEAMS = ['payments', 'search', 'identity', 'billing', 'mobile', 'data', 'platform', 'growth'] as const;
const SERVICES = ['api', 'worker', 'gateway', 'ingest', 'export', 'sync', 'webhooks', 'reports', 'cron', 'scanner'];
const ENVIRONMENTS = ['prod', 'staging', 'dev'] as const;
const EXTRA_TAGS = ['ci', 'batch', 'pci', 'internal', 'partner', 'readonly', 'legacy', 'eu', 'us'];
export const RARE_TAG = 'sox';
const FIRST_NAMES = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Tim', 'Hedy'];
const VALIDITY_DAYS = [7, 30, 60, 90, 90, 180, 365, 365];
// 15 columns a row: under the protocol's 65,535 parameters per statement.
const BATCH = 4_000;
// The creation entry's columns: its rows are typed by them, so the two cannot drift apart.
const AUDIT_COLUMNS = [
  'at',
  'actor_kind',
  'actor_id',
  'actor_name',
  'action',
  'target_type',
  'target_id',
  'target_name',
  'ip',
  'user_agent',
  'changes',
] as const;
type AuditRow = Record<(typeof AUDIT_COLUMNS)[number], postgres.ParameterOrJSON<never>>;
const CREATED: AuditAction = 'apiAccess.create';
const KEY_COLUMNS = [
  'id',
  'name',
  'description',
  'tags',
  'token_digest',
  'token_start',
  'expires_at',
  'valid_from',
  'created_by_kind',
  'created_by_id',
  'created_by_name',
  'author_user_id',
  'notice_check_at',
  'created_at',
  'updated_at',
] as const;
type KeyRow = Record<(typeof KEY_COLUMNS)[number], postgres.ParameterOrJSON<never>>;
const LINK_COLUMNS = ['api_access_id', 'role_id'] as const;
type LinkRow = Record<(typeof LINK_COLUMNS)[number], string>;

export type SeedProgress = (done: number, total: number) => void;
export type SeedDemoOptions = { keys: number; users?: number; force?: boolean; onProgress?: SeedProgress; keepTokens?: number };
export type SeedDemoResult = { keys: number; users: number; roles: number; seconds: number; tokens: string[]; password: string };

export class DatabaseNotEmpty extends Error {}

/** A cheap, repeatable random source: the same seed gives the same organization. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

const teamGrants = (team: string, write: boolean): Grant[] => {
  const pattern = `${team}-.*`;
  const reads: Grant[] = [{ permission: 'listApiAccess' }, { permission: 'getApiAccess' }, { permission: 'getRole' }];
  if (!write) return reads;
  return [
    ...reads,
    { permission: 'createApiAccess', accessNamePattern: pattern },
    { permission: 'updateApiAccess', accessNamePattern: pattern },
    { permission: 'regenerateApiAccess', accessNamePattern: pattern },
    { permission: 'deleteApiAccess', accessNamePattern: pattern },
  ];
};

export async function seedDemo(url: string, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const started = performance.now();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const random = randomSource(20261126);
  try {
    const [{ existing }] = (await sql`select count(*)::int as existing from api_access`) as unknown as [{ existing: number }];
    if (existing > 0 && !options.force) {
      throw new DatabaseNotEmpty(`This database already has ${existing.toLocaleString('en')} API Access entries; add --force to add more.`);
    }
    // Numbering continues after the highest number a demo name carries, so names stay unique
    // even after keys were deleted.
    const [{ next: run }] = (await sql`
      select coalesce(max(substring(name from '-([0-9]{6,})$')::int) + 1, 0)::int as next from api_access`) as unknown as [
      { next: number },
    ];
    const userCount = options.users ?? Math.max(8, Math.min(200, Math.round(options.keys / 500)));

    // Roles: a writer and a reader per team, each reaching only its team's key names.
    const roleRows = TEAMS.flatMap((team) => [
      { name: `${team}-maintainers`, description: `Manage ${team}'s keys (names starting "${team}-").`, grants: teamGrants(team, true) },
      { name: `${team}-readers`, description: `See ${team}'s keys.`, grants: teamGrants(team, false) },
    ]);
    const roles = await sql<{ id: string; name: string }[]>`
      insert into roles ${sql(roleRows.map((role) => ({ ...role, grants: sql.json(role.grants) })))}
      on conflict (lower(name)) do update set name = excluded.name
      returning id, name`;
    const roleId = (name: string) => roles.find((role) => role.name === name)!.id;

    // People: one password for all, made here and printed once (argon2 is slow on purpose, so
    // hashed once); each in a team, a third of them maintainers.
    const password = randomBytes(12).toString('base64url');
    const passwordHash = await hash(password, { algorithm: 2 });
    const people = Array.from({ length: userCount }, (_, i) => {
      const team = TEAMS[i % TEAMS.length]!;
      const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
      const n = run + i;
      return {
        email: `${first.toLowerCase()}.${team}.${n}@demo.keygate.test`,
        name: `${first} ${team[0]!.toUpperCase()}${team.slice(1)} ${n}`,
        team,
      };
    });
    const users = await sql<{ id: string; name: string; email: string }[]>`
      insert into users ${sql(people.map(({ email, name }) => ({ email, name, password_hash: passwordHash })))}
      on conflict (lower(email)) do update set name = excluded.name
      returning id, name, email`;
    await sql`
      insert into user_roles ${sql(
        users.map((user, i) => ({ user_id: user.id, role_id: roleId(`${people[i]!.team}-${i % 3 === 0 ? 'maintainers' : 'readers'}`) })),
      )}
      on conflict do nothing`;
    const usersOf = Object.fromEntries(TEAMS.map((team) => [team, users.filter((_, i) => people[i]!.team === team)]));

    const now = Date.now();
    const tokens: string[] = [];
    // Creation entries wait here and go into the log oldest first at the end: the log lists entries
    // in the order they were written (its id), which in real use is the order of their times.
    await sql`create temp table seed_audits as select * from audit_logs with no data`;
    // Keys, too, are written oldest first at the end, as a real table's rows are: the order of the
    // rows on disk decides how fast a walk along created_at is, so the plans measured here are
    // the ones production sees.
    await sql`create temp table seed_keys as select * from api_access with no data`;
    await sql`create temp table seed_links as select * from api_access_roles with no data`;
    for (let start = 0; start < options.keys; start += BATCH) {
      const keys: KeyRow[] = [];
      const links: LinkRow[] = [];
      const audits: AuditRow[] = [];
      for (let i = start; i < Math.min(start + BATCH, options.keys); i++) {
        const team = random.pick(TEAMS);
        const environment = random.pick(ENVIRONMENTS);
        const service = random.pick(SERVICES);
        const author = random.pick(usersOf[team]!);
        const token = generateToken();
        if (tokens.length < (options.keepTokens ?? 0)) tokens.push(token);
        // Expiries spread evenly over the past and the next year; created one validity before,
        // and never in the future.
        const expiresAt = new Date(now + (random.next() * 2 - 1) * 365 * DAY_MS);
        const validity = random.pick(VALIDITY_DAYS) * DAY_MS;
        // …and never valid for longer than a key may be (MAX_EXPIRY_DAYS).
        const createdAt = new Date(
          Math.max(
            expiresAt.getTime() - MAX_EXPIRY_DAYS * DAY_MS,
            Math.min(expiresAt.getTime() - validity, now - HOUR_MS - random.next() * 30 * DAY_MS),
          ),
        );
        const plan = planKey({ expiresAt, validFrom: createdAt }, new Date(now));
        const tags = [
          environment,
          team,
          ...(random.next() < 0.4 ? [random.pick(EXTRA_TAGS)] : []),
          // One key in a thousand: the rare tag a filter finds through the tags' index.
          ...(i % 1000 === 999 ? [RARE_TAG] : []),
        ];
        const id = generateAccessId();
        const description = random.next() < 0.7 ? `${service} of ${team} (${environment})` : '';
        const name = `${team}-${service}-${environment}-${String(run + i).padStart(6, '0')}`;
        keys.push({
          id,
          name,
          description,
          tags: sql.array(tags),
          token_digest: tokenDigest(token),
          token_start: tokenStart(token),
          expires_at: expiresAt,
          valid_from: createdAt,
          created_by_kind: 'user',
          created_by_id: author.id,
          created_by_name: author.name,
          author_user_id: author.id,
          notice_check_at: plan.notice ? new Date(now) : plan.nextCheckAt,
          created_at: createdAt,
          updated_at: createdAt,
        });
        const roleNames = [`${team}-readers`, ...(random.next() < 0.3 ? [`${team}-maintainers`] : [])];
        for (const name of roleNames) links.push({ api_access_id: id, role_id: roleId(name) });
        audits.push({
          at: createdAt,
          actor_kind: 'user',
          actor_id: author.id,
          actor_name: author.name,
          action: CREATED,
          target_type: auditTargetType(CREATED),
          target_id: id,
          target_name: name,
          ip: `10.${TEAMS.indexOf(team)}.${Math.floor(random.next() * 250)}.${Math.floor(random.next() * 250)}`,
          user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36',
          // The same entry creation writes (what the log keeps of a key, as a change from nothing).
          changes: sql.json(
            diffSnapshots(
              undefined,
              auditSnapshot({
                name,
                description,
                tags,
                expiresAt,
                enabled: true,
                allowedIps: [],
                rateLimit: null,
                roles: roleNames.map((role) => ({ name: role })),
              }),
            ) as never,
          ),
        });
      }
      await sql.begin(async (tx) => {
        await tx`insert into seed_keys ${tx(keys)}`;
        await tx`insert into seed_links ${tx(links)}`;
        await tx`insert into seed_audits ${tx(audits)}`;
      });
      options.onProgress?.(Math.min(start + BATCH, options.keys), options.keys);
    }

    // Keys, their roles and their creation entries together: all of them or none.
    await sql.begin(async (tx) => {
      await tx`insert into api_access (${tx(KEY_COLUMNS)}) select ${tx(KEY_COLUMNS)} from seed_keys order by created_at, id`;
      await tx`insert into api_access_roles (${tx(LINK_COLUMNS)}) select ${tx(LINK_COLUMNS)} from seed_links`;
      await tx`insert into audit_logs (${tx(AUDIT_COLUMNS)}) select ${tx(AUDIT_COLUMNS)} from seed_audits order by at`;
    });
    await sql`drop table seed_keys, seed_links, seed_audits`;

    // Usage: about a third of the keys that were valid in the last 30 days were used, on some of those days.
    await sql`
      insert into api_access_usage (api_access_id, day, count)
      select a.id, d.day::date, 1 + (abs(hashtext(a.id || d.day::text)) % 500)
      from api_access a
      cross join lateral generate_series(greatest(a.created_at, now() - interval '29 days')::date, least(a.expires_at, now())::date, interval '1 day') as d(day)
      where a.expires_at > now() - interval '30 days' and abs(hashtext(a.id)) % 3 = 0 and abs(hashtext(a.id || d.day::text)) % 4 <> 0
      on conflict do nothing`;
    // The overview's daily totals, as the usage flush keeps them.
    await sql`
      insert into api_access_usage_totals (day, count)
      select day, sum(count) from api_access_usage group by day
      on conflict (day) do update set count = excluded.count`;
    await sql`
      update api_access a set last_used_at = u.day + interval '12 hours'
      from (select api_access_id, max(day) as day from api_access_usage group by api_access_id) u
      where u.api_access_id = a.id and a.last_used_at is null`;
    await sql`vacuum analyze api_access`;
    await sql`analyze api_access_roles`;
    await sql`analyze api_access_usage`;
    await sql`analyze audit_logs`;
    return {
      keys: options.keys,
      users: users.length,
      roles: roles.length,
      seconds: (performance.now() - started) / 1000,
      tokens,
      password,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
