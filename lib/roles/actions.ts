'use server';

import { redirect } from 'next/navigation';
import { takesPattern, type Permission } from '@/lib/auth/permissions';
import { formAction, formString, formStrings, idFormAction } from '@/lib/forms/form-action';
import { createRole } from './create-role';
import { patternField } from './form-fields';
import { deleteRole } from './delete-role';
import { updateRole } from './update-role';
import { paths } from '@/lib/paths';

function roleFields(form: FormData) {
  return {
    name: formString(form, 'name'),
    description: formString(form, 'description'),
    grants: formStrings(form, 'grants').map((permission) => ({
      permission: permission as Permission,
      accessNamePattern: takesPattern(permission as Permission) ? formString(form, patternField(permission as Permission)) : undefined,
    })),
  };
}

export const createRoleAction = formAction(createRole, roleFields, () => redirect(`${paths.roles.list}?saved=created`), {
  recentSignIn: true,
});

export const updateRoleAction = formAction(
  updateRole,
  (form) => ({ id: formString(form, 'id'), ...roleFields(form) }),
  () => redirect(`${paths.roles.list}?saved=updated`),
  { recentSignIn: true },
);

export const deleteRoleAction = idFormAction(deleteRole, () => redirect(`${paths.roles.list}?saved=deleted`));
