'use server';

import { redirect } from 'next/navigation';
import { formAction, formString, formStrings, idFormAction } from '@/lib/forms/form-action';
import { createUser } from './create-user';
import { deleteUser } from './delete-user';
import { updateUser } from './update-user';
import { userChangeNeedsRecentSignIn } from './sensitive-change';
import { paths } from '@/lib/paths';

export const createUserAction = formAction(
  createUser,
  (form) => ({
    email: formString(form, 'email'),
    name: formString(form, 'name'),
    password: formString(form, 'password'),
    roles: formStrings(form, 'roles'),
  }),
  () => redirect(`${paths.users.list}?saved=created`),
);

export const updateUserAction = formAction(
  updateUser,
  (form) => ({
    id: formString(form, 'id'),
    name: formString(form, 'name'),
    // The role picker is only rendered for those who may assign roles.
    roles: form.has('rolesShown') ? formStrings(form, 'roles') : undefined,
    disabled: form.get('disabled') === 'on',
    password: formString(form, 'password') || undefined,
  }),
  () => redirect(`${paths.users.list}?saved=updated`),
  { recentSignIn: userChangeNeedsRecentSignIn },
);

export const deleteUserAction = idFormAction(deleteUser, () => redirect(`${paths.users.list}?saved=deleted`));
