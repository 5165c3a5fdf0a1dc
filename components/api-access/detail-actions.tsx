import Link from 'next/link';
import type { Actor } from '@/lib/auth/actor';
import { hasPermission } from '@/lib/auth/authorize';
import { ConfirmAction } from '@/components/confirm-action';
import { setApiAccessEnabledAction } from '@/lib/api-access/actions';
import { DeleteApiAccessButton } from './delete-api-access-button';
import { enableWords } from './enable-words';
import { paths } from '@/lib/paths';

/** Edit, Regenerate, Disable (or Enable) and Delete on a key's own view, as the reader may. */
export function DetailActions({ actor, id, name, enabled }: { actor: Actor; id: string; name: string; enabled: boolean }) {
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
      {hasPermission(actor, 'updateApiAccess') && (
        <ConfirmAction
          reversible
          action={setApiAccessEnabledAction}
          fields={{ id, enabled: String(!enabled) }}
          {...enableWords({ name, enabled })}
        />
      )}
      {hasPermission(actor, 'deleteApiAccess') && <DeleteApiAccessButton id={id} name={name} />}
    </p>
  );
}
