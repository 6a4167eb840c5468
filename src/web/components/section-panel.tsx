import { type ReactNode, useId } from "react";

export interface SectionPanelProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled block of a page (h2), labelled by its heading for landmarks navigation. */
export function SectionPanel({ title, description, actions, children, className }: SectionPanelProps) {
  const id = useId();
  return (
    <section className={`section${className ? ` ${className}` : ""}`} aria-labelledby={id}>
      <header className="section__header">
        <div>
          <h2 id={id} className="section__title">
            {title}
          </h2>
          {description && <p className="section__description">{description}</p>}
        </div>
        {actions && <div className="section__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
