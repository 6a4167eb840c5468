export interface PaginationProps {
  total: number;
  limit: number;
  offset: number;
  onChange(offset: number): void;
  /** What is being counted, plural ("users"). */
  noun: string;
}

/** "21–40 of 57 users" with previous and next buttons. */
export function Pagination({ total, limit, offset, onChange, noun }: PaginationProps) {
  if (total === 0) return null;
  const first = Math.min(offset + 1, total);
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label={`Pages of ${noun}`}>
      <p className="pagination__summary">
        {first}–{last} of {total} {noun}
      </p>
      <div className="pagination__buttons">
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={offset === 0}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          Previous
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={last >= total}
          onClick={() => onChange(offset + limit)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}
