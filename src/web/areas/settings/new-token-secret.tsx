import { useEffect, useRef } from "react";
import type { NewApiToken } from "../../api/api-types.ts";
import { CopyButton } from "../../components/copy-button.tsx";

const SECRET_ID = "new-token-secret";

/** The new token's secret, shown this once: Warden keeps only its hash. */
export function NewTokenSecret({ created, onDone }: { created: NewApiToken; onDone(): void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className="alert alert--success secret"
      aria-labelledby="new-token-title"
    >
      <h3 id="new-token-title" className="alert__title">
        Token “{created.info.name}” created
      </h3>
      <p>Copy it now: it will not be shown again. Anyone holding it can act as you.</p>
      <div className="secret__row">
        <label htmlFor={SECRET_ID} className="visually-hidden">
          Token secret
        </label>
        <input id={SECRET_ID} className="input secret__value" readOnly value={created.token} />
        <CopyButton text={created.token} targetId={SECRET_ID} />
      </div>
      <button type="button" className="button button--secondary button--small" onClick={onDone}>
        I have stored it
      </button>
    </section>
  );
}
