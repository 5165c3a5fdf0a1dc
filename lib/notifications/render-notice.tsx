import { render } from 'react-email';
import type { NoticeThreshold } from './thresholds';
import Expired from '@/emails/expired';
import ExpiringIn1Day from '@/emails/expiring-in-1-day';
import ExpiringIn30Days from '@/emails/expiring-in-30-days';
import ExpiringIn7Days from '@/emails/expiring-in-7-days';
import { expiryNoticeSubject } from '@/emails/_components/expiry-notice-email';
import { appUrl } from '@/lib/app-url';
import { formatExactDateTime } from '@/lib/format';
import { paths } from '@/lib/paths';

const TEMPLATES = {
  '30d': ExpiringIn30Days,
  '7d': ExpiringIn7Days,
  '1d': ExpiringIn1Day,
  expired: Expired,
} as const satisfies Record<NoticeThreshold, unknown>;

export type NoticeKey = { accessId: string; name: string; expiresAt: Date };
export type RenderedEmail = { subject: string; html: string; text: string };

/** Renders one notice email (HTML and plain text) from stored rows only, with links built from APP_URL. */
export async function renderNoticeEmail(input: {
  threshold: NoticeThreshold;
  recipientName: string;
  keys: NoticeKey[];
}): Promise<RenderedEmail> {
  const base = appUrl();
  const keys = input.keys.map((key) => ({
    name: key.name,
    accessId: key.accessId,
    expiresAt: formatExactDateTime(key.expiresAt),
    viewUrl: base + paths.apiAccess.detail(key.accessId),
    regenerateUrl: base + paths.apiAccess.regenerate(key.accessId),
  }));
  const Template = TEMPLATES[input.threshold];
  const element = <Template recipientName={input.recipientName} keys={keys} tableUrl={base + paths.apiAccess.table} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: expiryNoticeSubject({ threshold: input.threshold, keys }), html, text };
}
