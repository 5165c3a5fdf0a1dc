import { describe, expect, it } from 'vitest';
import { shortWebhookUrl } from '@/lib/webhooks/short-url';

describe('a webhook URL as an email shows it', () => {
  it('keeps the origin and a short first path segment, never the secret after it', () => {
    expect(shortWebhookUrl('https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX')).toBe('https://hooks.slack.com/services/…');
    expect(shortWebhookUrl('https://discord.com/api/webhooks/123/abcDEF-token')).toBe('https://discord.com/api/…');
    expect(shortWebhookUrl('https://hooks.example.com')).toBe('https://hooks.example.com');
  });

  it('hides a lone segment, a long one, the query and credentials, and survives what is not a URL', () => {
    expect(shortWebhookUrl('https://hooks.example.com/0f9c2e7d1b6a4c3e8f5d')).toBe('https://hooks.example.com/…');
    expect(shortWebhookUrl('https://hooks.example.com/0f9c2e7d1b6a4c3e8f5d0f9c2e7d/x')).toBe('https://hooks.example.com/…');
    expect(shortWebhookUrl('https://hooks.example.com/?token=s3cret')).toBe('https://hooks.example.com/…');
    expect(shortWebhookUrl('https://user:pass@hooks.example.com:8443/a/b')).toBe('https://hooks.example.com:8443/a/…');
    expect(shortWebhookUrl('not a url')).toBe('(an address Keygate cannot read)');
  });
});
