import { useMemo, useSyncExternalStore } from "react";
import { locationSnapshot, subscribeToLocation } from "./navigation.ts";

export interface AppLocation {
  pathname: string;
  search: URLSearchParams;
  /** pathname + search, as a link target. */
  href: string;
}

/** The current location; the component re-renders when it changes. */
export function useLocation(): AppLocation {
  const href = useSyncExternalStore(subscribeToLocation, locationSnapshot);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { pathname: url.pathname, search: url.searchParams, href };
  }, [href]);
}
