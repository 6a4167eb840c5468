import { useEffect } from "react";
import { navigate } from "./navigation.ts";

/** Replaces the current location (for routes that only point elsewhere). */
export function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}
