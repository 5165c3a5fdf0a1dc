import { z } from 'zod';

/**
 * SPEC §4's notices, nearest-to-expiry last: the values of expiry_notices.threshold and
 * notification_emails.threshold, and the email templates' `threshold` prop. Only zod: the
 * schema and the email templates import it.
 */
export const NOTICE_THRESHOLDS = ['30d', '7d', '1d', 'expired'] as const;
export const noticeThresholdSchema = z.enum(NOTICE_THRESHOLDS);
export type NoticeThreshold = z.output<typeof noticeThresholdSchema>;
