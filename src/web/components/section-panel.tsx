import { type ReactNode, useId } from "react";

export interface SectionPanelProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** h2 on a page; h3 inside a section that has its own h2 (settings tabs). */
  level?: 2 | 3;
  /** The section's fragment id, for in-page links (`#milestones`). */
  anchor?: string;
}

/** A titled block of a page (h2 by default), labelled by its heading for landmarks navigation. */
export function SectionPanel({
  title,
  description,
  actions,
  children,
  className,
  level = 2,
  anchor,
}: SectionPanelProps) {
  const id = useId();
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section id={anchor} className={`section${className ? ` ${className}` : ""}`} aria-labelledby={id}>
      <header className="section__header">
        <div>
          <Heading id={id} className="section__title">
            {title}
          </Heading>
          {description && <p className="section__description">{description}</p>}
        </div>
        {actions && <div className="section__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
