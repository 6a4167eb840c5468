import { useEffect, useId, useRef, useState } from "react";

const DEBOUNCE_MS = 300;

export interface SearchBoxProps {
  value: string;
  /** The label ("Search vendors"). */
  label: string;
  /** Keeps the label for assistive tech only, where the page says plainly what the box searches. */
  hideLabel?: boolean;
  placeholder?: string;
  onSearch(text: string): void;
}

/** A labelled search box that searches as you type (after a short pause) and on Enter. */
export function SearchBox({ value, label, hideLabel = false, placeholder, onSearch }: SearchBoxProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const latest = useRef(onSearch);
  latest.current = onSearch;

  useEffect(() => setText(value), [value]);

  useEffect(() => {
    if (text.trim() === value) return;
    const timer = window.setTimeout(() => latest.current(text.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, value]);

  return (
    <search className={hideLabel ? "search" : "search field"}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSearch(text.trim());
        }}
      >
        <label htmlFor={id} className={hideLabel ? "visually-hidden" : "field__label"}>
          {label}
        </label>
        <input
          id={id}
          className="input search__input"
          type="search"
          placeholder={placeholder}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </form>
    </search>
  );
}
