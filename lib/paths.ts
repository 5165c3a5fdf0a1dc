/** Every page's path, written once (links, redirects, revalidation, emails). */
const root = '/access-management';
const apiAccessTable = `${root}/api-access`;

export const paths = {
  apiAccess: {
    table: apiAccessTable,
    create: `${apiAccessTable}/new`,
    detail: (id: string) => `${apiAccessTable}/${encodeURIComponent(id)}`,
    edit: (id: string) => `${apiAccessTable}/${encodeURIComponent(id)}/edit`,
    regenerate: (id: string) => `${apiAccessTable}/${encodeURIComponent(id)}/regenerate`,
  },
  roles: { list: `${root}/roles`, create: `${root}/roles/new`, detail: (id: string) => `${root}/roles/${encodeURIComponent(id)}` },
  users: { list: `${root}/users`, create: `${root}/users/new`, detail: (id: string) => `${root}/users/${encodeURIComponent(id)}` },
  webhooks: {
    list: `${root}/webhooks`,
    create: `${root}/webhooks/new`,
    detail: (id: string) => `${root}/webhooks/${encodeURIComponent(id)}`,
    edit: (id: string) => `${root}/webhooks/${encodeURIComponent(id)}/edit`,
  },
  auditLog: `${root}/audit-log`,
  account: '/account',
  /** Setting up an authenticator app: outside the app's layout, so KEYGATE_TWO_FACTOR=required can send people here first. */
  twoFactorSetup: '/two-factor',
  /** The sign-in's "Authentication code" step. */
  signInCode: '/login/two-factor',
} as const;
