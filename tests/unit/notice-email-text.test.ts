import { describe, expect, it } from 'vitest';
import { renderNoticeEmail } from '@/lib/notifications/render-notice';

describe('the plain-text part of an expiry email', () => {
  it('puts each key’s Regenerate and View links on lines of their own', async () => {
    const { text } = await renderNoticeEmail({
      threshold: '7d',
      recipientName: 'Ann',
      keys: [{ accessId: 'ak_aaaaaaaaaaaaaaaaaaaa', name: 'ci-deploy', expiresAt: new Date('2027-01-05T10:00:00Z') }],
    });
    const lines = text.split('\n');
    const regenerate = lines.find((line) => line.startsWith('Regenerate '));
    const view = lines.find((line) => line.startsWith('View '));
    expect(regenerate).toMatch(/^Regenerate http:\/\/\S+\/ak_aaaaaaaaaaaaaaaaaaaa\/regenerate$/);
    expect(view).toMatch(/^View http:\/\/\S+\/ak_aaaaaaaaaaaaaaaaaaaa$/);
  });
});
