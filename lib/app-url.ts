import { settings } from '@/lib/settings';

/** The address people reach Keygate at (APP_URL), for links that leave the app, such as those in emails. */
export function appUrl(): string {
  const { APP_URL, PORT } = settings();
  return APP_URL ?? `http://localhost:${PORT}`;
}
