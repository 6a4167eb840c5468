import type { User } from "../api/api-types.ts";
import { ROLE_LABELS } from "../auth/role-labels.ts";
import { Link } from "../router/link.tsx";
import { isCurrentArea, navAreasFor } from "./nav-areas.ts";

export interface NavMenuProps {
  id: string;
  user: User;
  pathname: string;
  open: boolean;
  onNavigate(): void;
}

/** The areas this user may open; the current one is marked for assistive tech too. */
export function NavMenu({ id, user, pathname, open, onNavigate }: NavMenuProps) {
  const areas = navAreasFor(user);
  return (
    <nav id={id} className={`sidebar${open ? " sidebar--open" : ""}`} aria-label="Main">
      <p className="nav-identity">
        <span>{user.name}</span>
        <span className="badge">{ROLE_LABELS[user.role]}</span>
      </p>
      <ul className="nav-list">
        {areas.map((area) => {
          const current = isCurrentArea(area, pathname);
          return (
            <li key={area.to}>
              <Link
                to={area.to}
                className={`nav-link${current ? " nav-link--current" : ""}`}
                aria-current={current ? "page" : undefined}
                onClick={onNavigate}
              >
                {area.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
