import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { expect, test } from './fixtures';
import { E2E_DATA_DIR } from './settings';

// Runs after every other test (playwright.config.ts): the audit log of the whole run is scanned.
test('no audit entry of the whole run holds a token, a token digest, a password hash or a recovery code', async () => {
  const sql = postgres(readFileSync(path.join(E2E_DATA_DIR, 'database-url'), 'utf8'), { max: 1 });
  try {
    const entries = await sql<{ row: string }[]>`select row_to_json(a)::text as row from audit_logs a`;
    const digests = (await sql<{ digest: string }[]>`select token_digest as digest from api_access`).map((row) => row.digest);
    expect(entries.length).toBeGreaterThan(50);
    // Nor a recovery code (tests/e2e/two-factor.spec.ts uses some).
    const recoveryCode = /[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{3}/;
    const leaks = entries.filter(
      ({ row }) => /kg_[0-9A-Za-z]{49}|\$argon2/.test(row) || recoveryCode.test(row) || digests.some((digest) => row.includes(digest)),
    );
    expect(leaks.map(({ row }) => row.slice(0, 200))).toEqual([]);
    // What the run did is there: sign-ins, changes, refusals aside.
    const actions = new Set((await sql<{ action: string }[]>`select distinct action from audit_logs`).map((row) => row.action));
    for (const action of [
      'auth.sign_in',
      'auth.sign_in_refused',
      'apiAccess.create',
      'apiAccess.regenerate',
      'apiAccess.delete',
      'role.create',
      'user.create',
      'user.sign_out_everywhere',
      'user.twoFactorEnable',
      'auth.secondFactor',
      'auth.secondFactorRefused',
      'auth.recoveryCodeUsed',
      'user.twoFactorDisable',
      'user.twoFactorReset',
    ]) {
      expect([...actions]).toContain(action);
    }
  } finally {
    await sql.end();
  }
});
