import { formatDate } from "./format-date-time.ts";

const DAY_MS = 86_400_000;

/** "Expires 19 Dec 2026", flagged in words when within 30 days or already past. */
export function ExpiryDate({ date, label = "Expires" }: { date: string | null; label?: string }) {
  if (!date) return <span className="expiry muted">No expiry</span>;
  const days = Math.floor((new Date(`${date}T00:00:00Z`).getTime() - Date.now()) / DAY_MS);
  if (days < 0) return <span className="expiry expiry--lapsed">Expired {formatDate(date)}</span>;
  return (
    <span className={days <= 30 ? "expiry expiry--soon" : "expiry"}>
      {label} {formatDate(date)}
      {days <= 30 && " (within 30 days)"}
    </span>
  );
}
