/**
 * The browser location as a small store over the History API: the router reads
 * it with useSyncExternalStore and `navigate` is the only writer.
 */

const CHANGE_EVENT = "warden:navigate";

export interface NavigateOptions {
  replace?: boolean;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  const current = window.location.pathname + window.location.search + window.location.hash;
  if (to === current) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function subscribeToLocation(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

export function locationSnapshot(): string {
  return window.location.pathname + window.location.search;
}

/** Only same-site paths may be a sign-in's destination (no open redirect). */
export function safeLocalPath(candidate: string | null): string | null {
  if (!candidate?.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) {
    return null;
  }
  return candidate;
}
