import { redirect } from 'next/navigation';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { visiblePages } from '@/lib/navigation';
import { paths } from '@/lib/paths';

export default async function Home() {
  const user = await requireCurrentUser();
  redirect(visiblePages(user)[0]?.href ?? paths.apiAccess.table);
}
