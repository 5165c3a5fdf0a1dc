import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLogs } from '@/db/schema';
import { ensureFirstAdmin } from '@/lib/users/bootstrap';

describe('the first administrator', () => {
  it('refuses an ADMIN_PASSWORD that breaks the password rules, creating nobody', async () => {
    await expect(ensureFirstAdmin(db, { email: 'first@example.com', password: 'short' })).rejects.toThrow(
      /ADMIN_PASSWORD cannot be used: Passwords are at least 10 characters/,
    );
    expect(await db.select().from(auditLogs)).toHaveLength(0);
  });

  it('is created once, and audited like every other user creation (by Keygate itself, without the password)', async () => {
    const created = await ensureFirstAdmin(db, { email: 'First@Example.com', password: 'first admin password' });
    expect(created).toMatchObject({ email: 'first@example.com', generated: false });
    expect(await ensureFirstAdmin(db, { email: 'second@example.com', password: 'second admin password' })).toBeNull();
    const entries = await db.select().from(auditLogs).where(eq(auditLogs.action, 'user.create'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorKind: 'system',
      actorName: 'Keygate',
      targetName: 'first@example.com',
      changes: { after: { email: 'first@example.com', name: 'Administrator', disabled: false, roles: ['ADMIN'] } },
    });
    expect(JSON.stringify(entries)).not.toMatch(/password|argon2/i);
  });
});
