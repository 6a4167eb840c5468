import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, isApiError, setCsrfToken, setUnauthenticatedHandler } from "../api/api-client.ts";
import type { SecondFactorNeeded, SessionInfo, SignInRestriction, User } from "../api/api-types.ts";

export type AuthState =
  | { status: "loading" }
  /** `reason`: nobody signed in yet, the session ended on its own, or the user signed out. */
  | { status: "signed-out"; reason: "no-session" | "session-ended" | "signed-out" }
  /**
   * `justSignedIn`: the session began on this page (sign-in or setup), not found on load.
   * `restriction`: what the user must do before anything else (change the password an admin set,
   * or enrol a second factor).
   */
  | { status: "signed-in"; user: User; justSignedIn: boolean; restriction: SignInRestriction | null }
  | { status: "error"; message: string };

export interface SetupInput {
  token: string;
  email: string;
  name: string;
  password: string;
}

export interface Auth {
  state: AuthState;
  /** Resolves with a challenge when the account's second factor is still to come. */
  signIn(email: string, password: string): Promise<{ challenge: string } | null>;
  /** The second step of a password sign-in: a TOTP code or a recovery code for the challenge. */
  verifySecondFactor(challenge: string, code: string): Promise<void>;
  /** Asks the server again who is signed in (after a restriction was lifted). */
  refresh(): Promise<void>;
  completeSetup(input: SetupInput): Promise<void>;
  signOut(): Promise<void>;
  retry(): void;
}

const AuthContext = createContext<Auth | null>(null);

/** Holds who is signed in; asks the server once at start and after every sign-in or sign-out. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  const acceptSession = useCallback((session: SessionInfo, justSignedIn: boolean) => {
    setCsrfToken(session.csrfToken);
    setState({
      status: "signed-in",
      user: session.user,
      justSignedIn,
      restriction: session.restriction ?? null,
    });
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setState({ status: "signed-out", reason: "session-ended" });
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  useEffect(() => {
    // `attempt` re-runs the probe when the user asks to retry after a failure.
    void attempt;
    const controller = new AbortController();
    api<SessionInfo>("/api/auth/me", { signal: controller.signal, expectUnauthenticated: true })
      .then((session) => acceptSession(session, false))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (isApiError(error) && error.status === 401) {
          setState({ status: "signed-out", reason: "no-session" });
        } else {
          setState({
            status: "error",
            message: isApiError(error) ? error.detail : "Warden could not check your session.",
          });
        }
      });
    return () => controller.abort();
  }, [acceptSession, attempt]);

  const auth = useMemo<Auth>(
    () => ({
      state,
      async signIn(email, password) {
        const answer = await api<SessionInfo | SecondFactorNeeded>("/api/auth/login", {
          method: "POST",
          body: { email, password },
          expectUnauthenticated: true,
        });
        if ("secondFactor" in answer) return answer.secondFactor;
        acceptSession(answer, true);
        return null;
      },
      async verifySecondFactor(challenge, code) {
        const session = await api<SessionInfo>("/api/auth/second-factor/verify", {
          method: "POST",
          body: { challenge, code },
          expectUnauthenticated: true,
        });
        acceptSession(session, true);
      },
      async refresh() {
        acceptSession(await api<SessionInfo>("/api/auth/me"), true);
      },
      async completeSetup(input) {
        const session = await api<SessionInfo>("/api/setup", {
          method: "POST",
          body: input,
          expectUnauthenticated: true,
        });
        acceptSession(session, true);
      },
      async signOut() {
        try {
          await api("/api/auth/logout", { method: "POST", expectUnauthenticated: true });
        } finally {
          setCsrfToken(null);
          setState({ status: "signed-out", reason: "signed-out" });
        }
      },
      retry() {
        setState({ status: "loading" });
        setAttempt((n) => n + 1);
      },
    }),
    [state, acceptSession],
  );

  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth must be used inside <AuthProvider>.");
  return auth;
}

/** The signed-in user; only for components rendered inside the signed-in shell. */
export function useCurrentUser(): User {
  const { state } = useAuth();
  if (state.status !== "signed-in") throw new Error("useCurrentUser needs a signed-in user.");
  return state.user;
}
