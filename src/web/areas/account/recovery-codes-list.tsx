import { useEffect, useRef } from "react";
import { CopyButton } from "../../components/copy-button.tsx";

/** Ten one-time recovery codes, shown this once: Warden keeps only their hashes. */
export function RecoveryCodesList({ codes, onDone }: { codes: readonly string[]; onDone(): void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <section ref={ref} tabIndex={-1} className="alert alert--success secret" aria-labelledby="recovery-title">
      <h3 id="recovery-title" className="alert__title">
        Your recovery codes
      </h3>
      <p>
        Keep them somewhere safe, apart from your phone: each signs you in once if you lose your
        authenticator. They will not be shown again.
      </p>
      <ul className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="secret__row">
        <CopyButton text={codes.join("\n")} />
        <button type="button" className="button button--secondary button--small" onClick={onDone}>
          I have stored them
        </button>
      </div>
    </section>
  );
}
