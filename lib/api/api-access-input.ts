/** The HTTP body names roles `roles`; the operations call them `roleIds`. */
export function withRoleIds(body: Record<string, unknown>): Record<string, unknown> {
  const { roles, ...rest } = body;
  return roles === undefined ? rest : { ...rest, roleIds: roles };
}
