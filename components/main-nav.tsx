'use client';

import { usePathname } from 'next/navigation';
import { createContext, useContext, useRef, useState } from 'react';

const NAV_ID = 'main-nav';

type NavState = { open: boolean; setOpen: (open: boolean) => void; button: React.RefObject<HTMLButtonElement | null> };
const NavContext = createContext<NavState | null>(null);

function useNav(): NavState {
  const state = useContext(NavContext);
  if (!state) throw new Error('MenuButton and MainNav belong inside NavShell');
  return state;
}

/**
 * The page's frame (top bar, navigation, content). Below 768 px the side navigation folds away
 * behind a "Menu" button in the top bar (CSS decides when; this keeps the state). Following a
 * link, or going back, closes it again.
 */
export function NavShell({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  return (
    <NavContext.Provider value={{ open, setOpen, button }}>
      <div className="shell">{children}</div>
    </NavContext.Provider>
  );
}

/** The disclosure button for the navigation; shown only on narrow screens. */
export function MenuButton() {
  const { open, setOpen, button } = useNav();
  return (
    <button
      ref={button}
      type="button"
      className="button nav-toggle"
      aria-expanded={open}
      aria-controls={NAV_ID}
      onClick={() => setOpen(!open)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
    >
      <span className="nav-toggle-icon" aria-hidden="true" />
      Menu
    </button>
  );
}

/** The main navigation: a sidebar on wide screens, a panel under the top bar when opened on narrow ones. Escape closes it. */
export function MainNav({ children }: { children: React.ReactNode }) {
  const { open, setOpen, button } = useNav();
  return (
    <nav
      id={NAV_ID}
      className="sidebar"
      aria-label="Main"
      data-open={open || undefined}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a')) setOpen(false);
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        setOpen(false);
        button.current?.focus();
      }}
    >
      {children}
    </nav>
  );
}
