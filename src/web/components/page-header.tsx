import type { ReactNode } from "react";

export interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** h1 for a page; h2 for a section inside a page with its own h1 (settings). */
  level?: 1 | 2;
}

/** The page's (or section's) heading, its purpose in a sentence, and its main actions. */
export function PageHeader({ title, description, actions, level = 1 }: PageHeaderProps) {
  const Heading = level === 1 ? "h1" : "h2";
  return (
    <header className={`page-header page-header--level${level}`}>
      <div>
        <Heading className="page-header__title">{title}</Heading>
        {description && <p className="page-header__description">{description}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}
