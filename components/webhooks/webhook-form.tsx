'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FieldError, FormMessage, echoed, echoedList } from '@/components/form-message';
import { TextField } from '@/components/text-field';
import { TokenReveal } from '@/components/token-reveal';
import { idleFormState, type FormState } from '@/lib/forms/form-state';
import { paths } from '@/lib/paths';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/event-types';

type Defaults = { id?: string; url: string; description: string; events: string[] };

export const SECRET_WARNING = 'Copy this signing secret now and store it where your receiver can read it. It will not be shown again.';

/** Creating or editing an endpoint; after creation, its signing secret shown once. */
export function WebhookForm({
  action,
  webhook,
  submitLabel,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  webhook: Defaults;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  if (state.status === 'success' && state.token) {
    const id = echoed(state, 'id');
    return (
      <>
        <TokenReveal token={state.token} banner="Endpoint created." label="Signing secret" warning={SECRET_WARNING} />
        <p className="actions">
          <Link className="button primary" href={paths.webhooks.detail(id)}>
            Done
          </Link>
        </p>
      </>
    );
  }
  const errors = state.fieldErrors ?? {};
  const events = echoedList(state, 'events', webhook.events);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      {webhook.id && <input type="hidden" name="id" value={webhook.id} />}
      <TextField
        name="url"
        label="URL"
        type="url"
        required
        maxLength={2048}
        placeholder="https://hooks.example.com/keygate"
        hint="HTTPS, on a public address. Keygate POSTs each event here, signed (Standard Webhooks)."
        defaultValue={echoed(state, 'url', webhook.url)}
        errors={errors.url}
      />
      <TextField
        multiline
        name="description"
        label="Description"
        rows={2}
        maxLength={1000}
        defaultValue={echoed(state, 'description', webhook.description)}
        errors={errors.description}
      />
      <fieldset className="field">
        <legend>Events</legend>
        <label className="checkbox">
          <input type="checkbox" name="events" value={ALL_EVENTS} defaultChecked={events.includes(ALL_EVENTS)} /> Every event (
          <code>*</code>, including types added later)
        </label>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="checkbox">
            <input type="checkbox" name="events" value={type} defaultChecked={events.includes(type)} /> <code>{type}</code>
          </label>
        ))}
        <FieldError id="events-error" errors={errors.events ?? Object.entries(errors).find(([key]) => key.startsWith('events.'))?.[1]} />
      </fieldset>
      <div className="actions">
        <button type="submit" className="button primary" disabled={pending}>
          {submitLabel}
        </button>
        <Link className="button" href={webhook.id ? paths.webhooks.detail(webhook.id) : paths.webhooks.list}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
