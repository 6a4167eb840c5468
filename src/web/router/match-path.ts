export type RouteParams = Record<string, string>;

/**
 * Matches a pathname against a pattern: `:name` captures one segment, a final
 * `*` matches any rest (captured as `*`).
 *
 * @example
 * matchPath("/engagements/:id", "/engagements/42") // { id: "42" }
 * matchPath("/settings/*", "/settings/users")      // { "*": "users" }
 */
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const want = segments(pattern);
  const have = segments(pathname);
  const params: RouteParams = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] as string;
    if (part === "*" && i === want.length - 1) {
      params["*"] = have.slice(i).join("/");
      return params;
    }
    const actual = have[i];
    if (actual === undefined) return null;
    if (part.startsWith(":")) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (part !== actual) {
      return null;
    }
  }
  return want.length === have.length ? params : null;
}

function segments(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}
