import { useEffect, useRef } from "react";

/** Calls `reload` whenever `value` changes after the first render (to follow a parent's reloads). */
export function useReloadOn(value: unknown, reload: () => void): void {
  const first = useRef(true);
  useEffect(() => {
    void value;
    if (first.current) {
      first.current = false;
      return;
    }
    reload();
  }, [value, reload]);
}
