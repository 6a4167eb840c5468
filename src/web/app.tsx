import { type ReactNode, useEffect } from "react";
import { ForbiddenPage } from "./areas/errors/forbidden-page.tsx";
import { NotFoundPage } from "./areas/errors/not-found-page.tsx";
import { LoginPage } from "./areas/sign-in/login-page.tsx";
import { RestrictedPage } from "./areas/sign-in/restricted-page.tsx";
import { SetPasswordPage } from "./areas/sign-in/set-password-page.tsx";
import { SetupPage } from "./areas/sign-in/setup-page.tsx";
import { SignInFrame } from "./areas/sign-in/sign-in-frame.tsx";
import { useAuth } from "./auth/auth-context.tsx";
import { userCan } from "./auth/permissions.ts";
import { Alert } from "./components/alert.tsx";
import { LoadingState } from "./components/loading-state.tsx";
import { matchPath } from "./router/match-path.ts";
import { safeLocalPath } from "./router/navigation.ts";
import { Redirect } from "./router/redirect.tsx";
import { useLocation } from "./router/use-location.ts";
import { ROUTES } from "./routes.tsx";
import { AppShell } from "./shell/app-shell.tsx";

function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Warden`;
  }, [title]);
}

/** Chooses what to show from the session state and the address. */
export function App() {
  const { state, retry } = useAuth();
  const location = useLocation();
  const { pathname, search } = location;

  const matched = ROUTES.map((route) => ({ route, params: matchPath(route.path, pathname) })).find(
    (m) => m.params !== null,
  );
  const title =
    state.status === "signed-in"
      ? (matched?.route.title ?? "Not found")
      : pathname === "/setup"
        ? "Set up"
        : pathname === "/set-password"
          ? "Set your password"
          : "Sign in";
  useDocumentTitle(title);

  if (state.status === "loading") {
    return (
      <div className="signin">
        <LoadingState label="Opening Warden…" />
      </div>
    );
  }
  if (state.status === "error") {
    return (
      <SignInFrame title="Warden is unavailable">
        <Alert tone="error">{state.message}</Alert>
        <button type="button" className="button button--primary" onClick={retry}>
          Try again
        </button>
      </SignInFrame>
    );
  }

  // An invitation link works whoever is signed in on this browser: it sets the invited person's password.
  if (pathname === "/set-password") return <SetPasswordPage />;

  if (state.status === "signed-out") {
    if (pathname === "/setup") return <SetupPage token={search.get("token")} />;
    if (pathname === "/login")
      return <LoginPage sessionEnded={state.reason === "session-ended"} ssoError={search.get("sso_error")} />;
    const keepPlace = state.reason !== "signed-out" && location.href !== "/";
    return <Redirect to={keepPlace ? `/login?next=${encodeURIComponent(location.href)}` : "/login"} />;
  }

  if (pathname === "/login" || pathname === "/setup") {
    return <Redirect to={safeLocalPath(search.get("next")) ?? "/"} />;
  }

  if (state.restriction) return <RestrictedPage restriction={state.restriction} />;

  const user = state.user;
  let page: ReactNode;
  if (!matched?.params) page = <NotFoundPage />;
  else if (matched.route.permission && !userCan(user, matched.route.permission)) page = <ForbiddenPage />;
  else page = matched.route.render(matched.params);

  return (
    <AppShell user={user} pathname={pathname} focusOnMount={state.justSignedIn}>
      {page}
    </AppShell>
  );
}
