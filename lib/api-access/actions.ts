'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formAction, formString, formStrings, idFormAction } from '@/lib/forms/form-action';
import { createApiAccess } from './create-api-access';
import { bulkDeleteApiAccess, deleteApiAccess } from './delete-api-access';
import { allowedIpsFromForm, expiresAtFromForm, gracePeriodFromForm, rateLimitFromForm, tagsFromForm } from './form-fields';
import { regenerateApiAccess } from './regenerate-api-access';
import { findApiAccessByToken } from './find-by-token';
import { updateApiAccess } from './update-api-access';
import { keyChangeAddsRoles } from './sensitive-change';
import { paths } from '@/lib/paths';

export const createApiAccessAction = formAction(
  createApiAccess,
  (form) => ({
    name: formString(form, 'name'),
    description: formString(form, 'description'),
    tags: tagsFromForm(form),
    roles: formStrings(form, 'roles'),
    expiresAt: expiresAtFromForm(form),
    allowedIps: allowedIpsFromForm(form),
    // Unchecked here: the operation's schema names what is wrong with it.
    rateLimit: rateLimitFromForm(form) as never,
  }),
  ({ apiAccess, token }) => {
    revalidatePath(paths.apiAccess.table);
    return { status: 'success', message: 'API Access created', token, accessId: apiAccess.id };
  },
  { recentSignIn: true },
);

export const updateApiAccessAction = formAction(
  updateApiAccess,
  (form) => ({
    id: formString(form, 'id'),
    name: formString(form, 'name'),
    description: formString(form, 'description'),
    tags: tagsFromForm(form),
    // The role picker is only rendered for those who may set roles.
    roles: form.has('rolesShown') ? formStrings(form, 'roles') : undefined,
    allowedIps: allowedIpsFromForm(form),
    rateLimit: rateLimitFromForm(form) as never,
  }),
  (updated) => redirect(`${paths.apiAccess.detail(updated.id)}?saved=updated`),
  // Adding a role widens what the key's token may do, as creating a key with it does.
  { recentSignIn: (input) => keyChangeAddsRoles(input) },
);

/** Disable or enable from the table or the detail view: `enabled` says which. Enabling gives a token back its power: a recent sign-in. */
export const setApiAccessEnabledAction = formAction(
  updateApiAccess,
  (form) => ({ id: formString(form, 'id'), enabled: formString(form, 'enabled') === 'true' }),
  (updated) => {
    revalidatePath(paths.apiAccess.table);
    revalidatePath(paths.apiAccess.detail(updated.id));
    return { status: 'success', message: `${updated.name} ${updated.enabled ? 'enabled' : 'disabled'}.` };
  },
  { recentSignIn: async (input) => input.enabled },
);

export const regenerateApiAccessAction = formAction(
  regenerateApiAccess,
  (form) => ({ id: formString(form, 'id'), expiresAt: expiresAtFromForm(form), gracePeriodSeconds: gracePeriodFromForm(form) }),
  ({ apiAccess, token }) => {
    revalidatePath(paths.apiAccess.table);
    return { status: 'success', message: 'API Access regenerated', token, accessId: apiAccess.id };
  },
  { recentSignIn: true },
);

/** Find by token: the token comes in the form body (never a URL) and is never echoed back. */
export const findApiAccessByTokenAction = formAction(
  findApiAccessByToken,
  (form) => ({ token: formString(form, 'token') }),
  ({ id }) => redirect(paths.apiAccess.detail(id)),
);

export const deleteApiAccessAction = idFormAction(deleteApiAccess, () => {
  revalidatePath(paths.apiAccess.table);
  return { status: 'success', message: 'API Access deleted.' };
});

/** From a key's own view: that view is about to be gone, so the answer is the table. */
export const deleteApiAccessAndLeaveAction = idFormAction(deleteApiAccess, () => redirect(`${paths.apiAccess.table}?saved=deleted`));

export const bulkDeleteApiAccessAction = formAction(
  bulkDeleteApiAccess,
  (form) => ({ ids: formStrings(form, 'ids') }),
  ({ deleted }) => {
    revalidatePath(paths.apiAccess.table);
    return { status: 'success', message: `${deleted} API Access deleted.` };
  },
  { recentSignIn: true },
);
