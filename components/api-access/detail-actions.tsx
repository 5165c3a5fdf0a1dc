import Link from 'next/link';
import type { Actor } from '@/lib/auth/actor';
import { hasPermission } from '@/lib/auth/authorize';
import { DeleteApiAccessButton } from './delete-api-access-button';
import { paths } from '@/lib/paths';

/** Edit, Regenerate and Delete on a key's own view, as the reader may. */
export function DetailActions({ actor, id, name }: { actor: Actor; id: string; name: string }) {
  return (
    <p className="actions">
      {hasPermission(actor, 'updateApiAccess') && (
        <Link className="button" href={paths.apiAccess.edit(id)}>
          Edit
        </Link>
      )}
      {hasPermission(actor, 'regenerateApiAccess') && (
        <Link className="button" href={paths.apiAccess.regenerate(id)}>
          Regenerate
        </Link>
      )}
      {hasPermission(actor, 'deleteApiAccess') && <DeleteApiAccessButton id={id} name={name} />}
    </p>
  );
}
