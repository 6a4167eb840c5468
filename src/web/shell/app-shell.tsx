import { type ReactNode, useEffect, useRef, useState } from "react";
import type { User } from "../api/api-types.ts";
import { Link } from "../router/link.tsx";
import { NavMenu } from "./nav-menu.tsx";
import { UserMenu } from "./user-menu.tsx";

const NAV_ID = "primary-nav";

export interface AppShellProps {
  user: User;
  pathname: string;
  /** Move focus to the page when the shell appears (after signing in, the focused form is gone). */
  focusOnMount: boolean;
  children: ReactNode;
}

/**
 * The signed-in frame: skip link, top bar, navigation (a side bar on wide
 * screens, a menu behind a button on narrow ones) and the main region, which
 * takes focus after each navigation so keyboard and screen-reader users start
 * at the new page.
 */
export function AppShell({ user, pathname, focusOnMount, children }: AppShellProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const lastPathname = useRef(pathname);

  useEffect(() => {
    if (focusOnMount) mainRef.current?.focus({ preventScroll: true });
  }, [focusOnMount]);

  // Compared with the last path rather than "first run", so that a re-run effect (StrictMode) is a no-op.
  useEffect(() => {
    if (lastPathname.current === pathname) return;
    lastPathname.current = pathname;
    setMenuOpen(false);
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setMenuOpen(false);
        menuButtonRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        <button
          ref={menuButtonRef}
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls={NAV_ID}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span className="menu-button__bars" aria-hidden="true" />
          Menu
        </button>
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Warden
        </Link>
        <UserMenu user={user} />
      </header>
      <div className="layout">
        <NavMenu
          id={NAV_ID}
          user={user}
          pathname={pathname}
          open={menuOpen}
          onNavigate={() => setMenuOpen(false)}
        />
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          {children}
        </main>
      </div>
    </div>
  );
}
