import { Forbidden } from '@/components/forbidden';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { authorize } from '@/lib/auth/authorize';

export default async function ApiAccessPage() {
  const user = await requireCurrentUser();
  const denied = authorize(user, 'listApiAccess');
  if (denied) return <Forbidden message={denied.message} />;
  return (
    <>
      <h1>API Access</h1>
      <section className="empty">
        <p>No API Access yet.</p>
      </section>
    </>
  );
}
