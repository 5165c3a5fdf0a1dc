import { describe, expect, it } from 'vitest';
import { checkReadiness } from '@/lib/health/readiness';
import { asOwner } from '../support/as-owner';

describe('readiness', () => {
  it('is ready on a database with every migration this code ships, and not on one a migration behind', async () => {
    expect(await checkReadiness()).toBeNull();
    // As if the newest migration had not run yet (an instance of a newer version started against an old database).
    const newest = await asOwner(
      (sql) =>
        sql<
          { id: number }[]
        >`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations) returning *`,
    );
    try {
      expect(await checkReadiness()).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('not migrated') });
    } finally {
      await asOwner((sql) => sql`insert into drizzle.__drizzle_migrations ${sql(newest[0]!)}`);
    }
    expect(await checkReadiness()).toBeNull();
  });
});
