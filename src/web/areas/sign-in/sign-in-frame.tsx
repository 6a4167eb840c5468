import type { ReactNode } from "react";

/** The frame of the pages seen before signing in: the brand and one card. */
export function SignInFrame({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="signin">
      <main id="main" className="signin__card" tabIndex={-1}>
        <p className="brand brand--large">
          <span className="brand__mark" aria-hidden="true" />
          Warden
        </p>
        <h1 className="signin__title">{title}</h1>
        {intro && <div className="signin__intro">{intro}</div>}
        {children}
      </main>
    </div>
  );
}
