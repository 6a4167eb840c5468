import { type ReactNode, useId } from "react";

/** A titled block of the contract pages (h2), labelled by its heading. */
export function ContractPanel({
  title,
  description,
  children,
  className,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <section className={`contract-panel${className ? ` ${className}` : ""}`} aria-labelledby={id}>
      <header className="contract-panel__header">
        <h2 id={id} className="contract-panel__title">
          {title}
        </h2>
        {description && <p className="contract-panel__description">{description}</p>}
      </header>
      {children}
    </section>
  );
}
