import type { Grant } from '@/lib/auth/permissions';

/** A role's grants, with the Access Name pattern where one is set. */
export function GrantList({ grants, className }: { grants: Grant[]; className?: string }) {
  return (
    <ul className={className}>
      {grants.map((grant) => (
        <li key={grant.permission}>
          <code>{grant.permission}</code>
          {grant.accessNamePattern && (
            <span className="muted">
              {' '}
              matching <code>{grant.accessNamePattern}</code>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
