import type { ReactNode } from "react";
import { useCurrentUser } from "../../auth/auth-context.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { Link } from "../../router/link.tsx";
import { useLocation } from "../../router/use-location.ts";
import { settingsSectionsFor } from "./settings-sections.ts";

/** Settings: one heading and a tab bar of the sections this user may open. */
export function SettingsLayout({ children }: { children: ReactNode }) {
  const user = useCurrentUser();
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader
        title="Settings"
        description="People, access to the API, the playbook, the contract policy, and the record of every change."
      />
      <nav className="tabs" aria-label="Settings sections">
        {settingsSectionsFor(user).map((section) => {
          const current = pathname === section.to;
          return (
            <Link
              key={section.to}
              to={section.to}
              className={`tabs__tab${current ? " tabs__tab--current" : ""}`}
              aria-current={current ? "page" : undefined}
            >
              {section.label}
            </Link>
          );
        })}
      </nav>
      <div className="tabs__panel">{children}</div>
    </>
  );
}
