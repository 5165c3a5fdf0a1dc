import { FieldError, errorProps } from './form-message';

/**
 * The "Roles" checkboxes of the user and API Access forms. The hidden
 * `rolesShown` field tells the action that roles were offered, so leaving them
 * all unticked means "no roles", not "unchanged".
 */
export function RolePicker({
  roles,
  chosen,
  errors,
  hint,
}: {
  roles: { id: string; name: string; description: string }[];
  chosen: string[];
  errors?: string[];
  hint?: string;
}) {
  return (
    <fieldset {...errorProps('roles', errors)}>
      <legend>Roles</legend>
      <input type="hidden" name="rolesShown" value="1" />
      {roles.length === 0 && <p className="muted">There are no roles you may assign.</p>}
      {roles.map((role) => (
        <label key={role.id} className="checkbox">
          <input type="checkbox" name="roles" value={role.id} defaultChecked={chosen.includes(role.id)} />
          {/* One flow of text: the name breaks only where the line ends, not at its hyphens in a column of its own. */}
          <span>
            {role.name} {role.description && <span className="muted">— {role.description}</span>}
          </span>
        </label>
      ))}
      {hint && <p className="hint">{hint}</p>}
      <FieldError id="roles-error" errors={errors} />
    </fieldset>
  );
}
