import Link from 'next/link';
import type { Actor } from '@/lib/auth/actor';
import { hasPermission } from '@/lib/auth/authorize';

export function DetailActions({ actor, id }: { actor: Actor; id: string }) {
  return (
    <p className="actions">
      {hasPermission(actor, 'updateApiAccess') && (
        <Link className="button" href={`/access-management/api-access/${id}/edit`}>
          Edit
        </Link>
      )}
      {hasPermission(actor, 'regenerateApiAccess') && (
        <Link className="button" href={`/access-management/api-access/${id}/regenerate`}>
          Regenerate
        </Link>
      )}
    </p>
  );
}
