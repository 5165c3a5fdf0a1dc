import Link from 'next/link';
import { MainNav, MenuButton, NavShell } from '@/components/main-nav';
import { NavLink } from '@/components/nav-link';
import { paths } from '@/lib/paths';
import { signOutAction } from '@/lib/auth/actions';
import { requireCurrentUser } from '@/lib/auth/current-actor';
import { visiblePages } from '@/lib/navigation';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireCurrentUser();
  return (
    <NavShell>
      <header className="topbar">
        <span className="brand">Keygate</span>
        <div className="account">
          <span className="account-who">
            {user.name} <span className="muted">({user.email})</span>
          </span>
          <Link href={paths.account}>Account</Link>
          <form action={signOutAction}>
            <button type="submit" className="button subtle">
              Sign out
            </button>
          </form>
          {/* Last in the bar, so the next Tab after it goes into the navigation it opens. */}
          <MenuButton />
        </div>
      </header>
      <MainNav>
        <h2 className="nav-heading">Access Management</h2>
        <ul>
          {visiblePages(user).map((page) => (
            <li key={page.href}>
              <NavLink href={page.href}>{page.label}</NavLink>
            </li>
          ))}
        </ul>
      </MainNav>
      <main className="content">{children}</main>
    </NavShell>
  );
}
