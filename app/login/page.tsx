import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { getCurrentUser } from '@/lib/auth/current-actor';

export const metadata: Metadata = { title: 'Sign in · Keygate' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getCurrentUser()) redirect('/');
  const { callbackUrl } = await searchParams;
  // The proxy passes a path; links made before it did carry an absolute URL: keep only its path.
  let next: string | undefined;
  try {
    const url = callbackUrl ? new URL(callbackUrl, 'http://local') : undefined;
    next = url && url.pathname + url.search;
  } catch {
    next = undefined;
  }
  return (
    <main className="login">
      <h1>Keygate</h1>
      <p className="muted">Sign in to manage API Access.</p>
      <LoginForm callbackUrl={next} />
    </main>
  );
}
