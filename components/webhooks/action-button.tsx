'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/form-message';
import { idleFormState, type FormState } from '@/lib/forms/form-state';

/** A one-click action on an endpoint (send a test event, resend a delivery), saying what happened next to it. */
export function ActionButton({
  action,
  fields,
  label,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  return (
    <form action={formAction} className="inline-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="button" disabled={pending}>
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
