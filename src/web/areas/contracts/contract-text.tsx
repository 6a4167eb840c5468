import { Fragment, useMemo } from "react";
import { type ContractClause, clauseTone, clauseTypeLabel } from "./contract-types.ts";

interface Piece {
  start: number;
  end: number;
  /** Clauses covering this piece, by position (the first gives the colour). */
  clauses: ContractClause[];
}

/** Cuts the text at every clause boundary so that overlapping clauses can share a span. */
function pieces(text: string, clauses: readonly ContractClause[]): Piece[] {
  const cuts = new Set<number>([0, text.length]);
  for (const c of clauses) {
    cuts.add(Math.max(0, Math.min(text.length, c.start)));
    cuts.add(Math.max(0, Math.min(text.length, c.end)));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i] as number;
    const end = sorted[i + 1] as number;
    out.push({ start, end, clauses: clauses.filter((c) => c.start <= start && c.end >= end) });
  }
  return out;
}

/**
 * The extracted text with every detected clause highlighted by the control it
 * serves; the active clause is outlined. Each clause starts with a small tag
 * naming its type, and its first span carries the id the clause list scrolls to.
 */
export function ContractText({
  text,
  clauses,
  active,
  onSelect,
}: {
  text: string;
  clauses: readonly ContractClause[];
  active: number | null;
  onSelect(position: number): void;
}) {
  const parts = useMemo(() => pieces(text, clauses), [text, clauses]);
  const starts = useMemo(() => {
    const byStart = new Map<number, ContractClause[]>();
    for (const c of clauses) byStart.set(c.start, [...(byStart.get(c.start) ?? []), c]);
    return byStart;
  }, [clauses]);
  return (
    // A scrolling region: focusable so that keyboard users can scroll it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard
    <section className="contract-text" aria-label="Contract text with highlighted clauses" tabIndex={0}>
      {parts.map((p) => {
        const chunk = text.slice(p.start, p.end);
        const opening = starts.get(p.start) ?? [];
        const first = p.clauses[0];
        // Blank lines between joined paragraphs stay unmarked: an outline around nothing reads as noise.
        if (!first || (chunk.trim() === "" && opening.length === 0)) {
          return <Fragment key={p.start}>{chunk}</Fragment>;
        }
        const isActive = active !== null && p.clauses.some((c) => c.position === active);
        // Line breaks at the edge of a span stay outside the highlight (no empty outlined lines).
        const core = chunk.trimEnd();
        const trailing = chunk.slice(core.length);
        return (
          <Fragment key={p.start}>
            {opening.map((c) => (
              <span key={`tag-${c.position}`} className={`clause-tag clause-tag--${clauseTone(c.control)}`}>
                {clauseTypeLabel(c.type)}
                {c.control ? ` · ${c.control}` : ""}
              </span>
            ))}
            {/* biome-ignore lint/a11y/useKeyWithClickEvents: the clause list is the keyboard path to every clause */}
            <mark
              id={opening[0] ? `clause-${opening[0].position}` : undefined}
              tabIndex={opening[0] ? -1 : undefined}
              className={`clause-mark clause-mark--${clauseTone(first.control)}${isActive ? " clause-mark--active" : ""}`}
              data-clause-types={p.clauses.map((c) => c.type).join(" ")}
              title={p.clauses.map((c) => clauseTypeLabel(c.type)).join(", ")}
              onClick={() => onSelect(first.position)}
            >
              {core}
            </mark>
            {trailing}
          </Fragment>
        );
      })}
    </section>
  );
}
