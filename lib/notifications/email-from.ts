import { settings } from '@/lib/settings';

/** EMAIL_FROM, or Resend's own test sender, which needs no domain of your own (it only reaches your Resend account's address). */
export const emailFrom = () => settings().EMAIL_FROM;
