import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { notificationEmails } from '@/db/schema';
import { runInBackground, settleBackgroundWork } from '@/lib/background-work';
import { writeOutAndCloseDatabase } from '@/server/close-database';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a clean stop', () => {
  it('lets work started in the background (an email sent at once) finish before the pool closes, a failure included', async () => {
    const finished: string[] = [];
    runInBackground(
      async () => {
        await pause(300);
        // Still able to use the database: the pool is not closed under it.
        await db.select().from(notificationEmails).where(eq(notificationEmails.kind, 'leak'));
        finished.push('send');
        // Work it starts in turn is waited for too.
        runInBackground(
          async () => {
            await pause(100);
            finished.push('follow-up');
          },
          { message: 'follow-up failed' },
        );
      },
      { message: 'send failed' },
    );
    runInBackground(
      async () => {
        await pause(50);
        throw new Error('the provider is down');
      },
      { message: 'Sending emails at once failed; the next run tries again.' },
    );
    // A work function that throws before returning its promise is logged the same, not thrown at its caller.
    const throwsAtOnce = (() => {
      throw new Error('no mailer configured');
    }) as () => Promise<unknown>;
    expect(() => runInBackground(throwsAtOnce, { message: 'Sending emails at once failed; the next run tries again.' })).not.toThrow();
    await writeOutAndCloseDatabase();
    expect(finished).toEqual(['send', 'follow-up']);
  });

  it('does not wait past its bound for work that takes longer (a long outbox is left to the next run)', async () => {
    let finished = false;
    runInBackground(
      async () => {
        await pause(1_500);
        finished = true;
      },
      { message: 'slow send failed' },
    );
    const started = Date.now();
    expect(await settleBackgroundWork(100)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(finished).toBe(false);
    expect(await settleBackgroundWork()).toBe(true);
    expect(finished).toBe(true);
  });
});
