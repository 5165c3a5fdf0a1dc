/** The address people reach Keygate at (APP_URL), for links that leave the app, such as those in emails. */
export function appUrl(): string {
  const configured = process.env.APP_URL?.trim();
  return (configured || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
}
