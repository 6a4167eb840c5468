import { useEffect, useRef, useState } from "react";

const DEBOUNCE_MS = 300;

/** A search box that searches as you type (after a short pause) and on Enter. */
export function UserSearch({ value, onSearch }: { value: string; onSearch(text: string): void }) {
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
    <search className="search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSearch(text.trim());
        }}
      >
        <label htmlFor="user-search" className="visually-hidden">
          Search users by name or email
        </label>
        <input
          id="user-search"
          className="input search__input"
          type="search"
          placeholder="Search by name or email"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </form>
    </search>
  );
}
