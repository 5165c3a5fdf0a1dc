'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormMessage, echoed } from '@/components/form-message';
import { OneTimeToken } from '@/components/token-reveal';
import { idleFormState, type FormState } from '@/lib/forms/form-state';
import { ExpirationField } from './expiration-field';
import { paths } from '@/lib/paths';

export function RegenerateForm({
  action,
  id,
  name,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  id: string;
  name: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  if (state.status === 'success' && state.token) {
    return <OneTimeToken token={state.token} banner={state.message ?? 'API Access regenerated'} />;
  }
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="id" value={id} />
      <p className="banner banner-warning">
        The current token of <strong>{name}</strong> stops working the moment you regenerate. Services using it will be refused until they
        get the new one.
      </p>
      <ExpirationField
        key={JSON.stringify(state.values ?? {})}
        errors={state.fieldErrors?.expiresAt}
        defaultChoice={echoed(state, 'expiresIn', '30')}
        defaultCustom={echoed(state, 'expiresAtLocal')}
      />
      <div className="actions">
        <button type="submit" className="button danger" disabled={pending}>
          Regenerate token
        </button>
        <Link className="button" href={paths.apiAccess.table}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
