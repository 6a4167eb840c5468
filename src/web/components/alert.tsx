import type { ReactNode } from "react";

export interface AlertProps {
  tone: "error" | "success" | "info" | "warning";
  title?: string;
  children: ReactNode;
}

/** A message box; errors are announced at once, other tones politely. */
export function Alert({ tone, title, children }: AlertProps) {
  return (
    <div className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {title && <p className="alert__title">{title}</p>}
      <div className="alert__body">{children}</div>
    </div>
  );
}
