import { type KeyboardEvent, useRef } from "react";
import { type ContractClause, clauseTone, clauseTypeLabel } from "./contract-types.ts";

/**
 * The detected clauses as a list of buttons: arrow keys, Home and End move
 * between them; choosing one scrolls the text to its highlight.
 */
export function ClauseList({
  clauses,
  active,
  onSelect,
}: {
  clauses: readonly ContractClause[];
  active: number | null;
  onSelect(position: number): void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const focusAt = (index: number) => {
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>("button[data-position]");
    if (!buttons || buttons.length === 0) return;
    const target = buttons[(index + buttons.length) % buttons.length];
    target?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: clauses.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusAt(next);
  };
  // One tab stop for the whole list: the active clause, or the first.
  const tabStop = active ?? clauses[0]?.position ?? null;
  return (
    <ul className="clause-list" ref={listRef} aria-label="Detected clauses">
      {clauses.map((c, index) => (
        <li key={c.position}>
          <button
            type="button"
            data-position={c.position}
            className={`clause-list__item${active === c.position ? " clause-list__item--active" : ""}`}
            aria-current={active === c.position ? "true" : undefined}
            tabIndex={c.position === tabStop ? 0 : -1}
            onClick={() => onSelect(c.position)}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            <span className={`clause-dot clause-dot--${clauseTone(c.control)}`} aria-hidden="true" />
            <span className="clause-list__type">{clauseTypeLabel(c.type)}</span>
            <span className="clause-list__where">
              {[c.section ? `§${c.section}` : null, c.heading].filter(Boolean).join(" ") || "—"}
              {c.control ? ` · ${c.control}` : ""}
              {c.review ? ` · ${c.review.decision === "reject" ? "rejected" : "confirmed"} by legal` : ""}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
