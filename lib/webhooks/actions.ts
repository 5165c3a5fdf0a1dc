'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formAction, formString, formStrings, idFormAction } from '@/lib/forms/form-action';
import { paths } from '@/lib/paths';
import { createWebhook } from './create-webhook';
import { deleteWebhook } from './delete-webhook';
import { resendDelivery } from './resend-delivery';
import { rotateWebhookSecret } from './rotate-webhook-secret';
import { sendTestEvent } from './send-test-event';
import { updateWebhook } from './update-webhook';

type Events = Parameters<typeof createWebhook>[1]['events'];

function endpointFields(form: FormData) {
  return {
    url: formString(form, 'url'),
    description: formString(form, 'description'),
    events: formStrings(form, 'events') as Events,
  };
}

/** The secret comes back in the form's state, shown once by the form; never in a URL. */
export const createWebhookAction = formAction(
  createWebhook,
  (form) => ({ ...endpointFields(form), enabled: true }),
  ({ webhook, secret }) => ({ status: 'success', token: secret, values: { id: webhook.id } }),
);

export const updateWebhookAction = formAction(
  updateWebhook,
  (form) => ({ id: formString(form, 'id'), ...endpointFields(form) }),
  ({ id }) => redirect(`${paths.webhooks.detail(id)}?saved=updated`),
);

export const setWebhookEnabledAction = formAction(
  updateWebhook,
  (form) => ({ id: formString(form, 'id'), enabled: formString(form, 'enabled') === 'true' }),
  ({ id }) => redirect(`${paths.webhooks.detail(id)}?saved=updated`),
);

export const deleteWebhookAction = idFormAction(deleteWebhook, () => redirect(`${paths.webhooks.list}?saved=deleted`));

/** Rotating hands out a new signing secret: like regenerating a token, it asks for a recent sign-in. */
export const rotateWebhookSecretAction = formAction(
  rotateWebhookSecret,
  (form) => ({ id: formString(form, 'id') }),
  ({ secret }) => ({ status: 'success', token: secret }),
  { recentSignIn: true },
);

export const sendTestEventAction = formAction(
  sendTestEvent,
  (form) => ({ id: formString(form, 'id') }),
  () => {
    revalidatePath(paths.webhooks.list, 'layout');
    return { status: 'success', message: 'Test event queued: it appears under Deliveries.' };
  },
);

export const resendDeliveryAction = formAction(
  resendDelivery,
  (form) => ({ id: formString(form, 'id'), deliveryId: formString(form, 'deliveryId') }),
  () => {
    revalidatePath(paths.webhooks.list, 'layout');
    return { status: 'success', message: 'Queued to be sent again.' };
  },
);
