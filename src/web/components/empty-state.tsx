import type { ReactNode } from "react";

export interface EmptyStateProps {
  title: string;
  children: ReactNode;
  /** What will appear here, as a short list. */
  upcoming?: readonly string[];
  action?: ReactNode;
}

/** An honest "nothing here yet": what the area is for and what it will hold, never sample data. */
export function EmptyState({ title, children, upcoming, action }: EmptyStateProps) {
  return (
    <section className="empty" aria-label={title}>
      <div className="empty__mark" aria-hidden="true">
        <svg
          width="24"
          height="24"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          aria-hidden="true"
        >
          <path d="M3 13h5l1.5 3h5L16 13h5" strokeLinejoin="round" />
          <path d="M5.5 5h13L21 13v6H3v-6z" strokeLinejoin="round" />
        </svg>
      </div>
      <h2 className="empty__title">{title}</h2>
      <div className="empty__text">{children}</div>
      {upcoming && upcoming.length > 0 && (
        <ul className="empty__list">
          {upcoming.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
      {action && <div className="empty__action">{action}</div>}
    </section>
  );
}
