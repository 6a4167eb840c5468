import type { Selectable } from "kysely";
import type { OutboundEventsTable } from "../../store/schema.ts";
import type { MailTopic } from "./mail-preferences.ts";
import type { MailKind } from "./queue-mail.ts";
import { type RenderedMail, renderMail } from "./render-mail.ts";

export interface EventMail {
  kind: MailKind;
  topic: MailTopic;
  /** Internal matters never go to a vendor contact. */
  internalOnly: boolean;
  mail: RenderedMail;
}

const text = (value: unknown, fallback = "(unnamed)") =>
  typeof value === "string" && value.trim() ? value : fallback;

/**
 * The mail an event is worth, if any: a gate that became blocked, a delivery verified or
 * rejected, a roster request to review, a leak case opened. Other events go to webhooks only.
 */
export function mailForEvent(event: Selectable<OutboundEventsTable>, publicUrl: string): EventMail | null {
  const p = event.payload;
  const summary = (p.summary ?? {}) as Record<string, unknown>;
  const engagementLink = event.engagement_id
    ? [{ link: `${publicUrl}/engagements/${event.engagement_id}`, label: "Open the engagement" }]
    : [];
  switch (event.kind) {
    case "gate.changed": {
      if (p.open !== false) return null;
      const blockers = Array.isArray(p.blockers) ? p.blockers.map(String) : [];
      return {
        kind: "gate_blocked",
        topic: "gate_blocked",
        internalOnly: true,
        mail: renderMail(`Gate blocked: ${text(p.engagement)}`, [
          `The ${text(p.stage, "current")} gate of ${text(p.engagement)} is now blocked.`,
          ...(blockers.length ? ["Controls that hold it:", { list: blockers }] : []),
          ...engagementLink,
        ]),
      };
    }
    case "delivery.verified":
    case "delivery.rejected": {
      const verdict = event.kind === "delivery.verified" ? "verified" : "rejected";
      return {
        kind: "delivery_decided",
        topic: "delivery_decided",
        internalOnly: true,
        mail: renderMail(`Delivery ${verdict}: ${text(summary.title)}`, [
          `The delivery for milestone ${text(summary.title)} was ${verdict}${summary.reason ? `: ${text(summary.reason)}` : "."}`,
          ...engagementLink,
        ]),
      };
    }
    case "roster.request":
      return {
        kind: "roster_review",
        topic: "roster_review",
        internalOnly: true,
        mail: renderMail("A roster request waits for review", [
          `${text(p.actor)} proposed a roster change (${text(
            String(p.action ?? "")
              .split(".")
              .at(-1),
          )}) for review.`,
          { link: `${publicUrl}/people`, label: "Review roster requests" },
        ]),
      };
    case "leak.opened":
      return {
        kind: "leak_case",
        topic: "leak_case",
        internalOnly: true,
        mail: renderMail(`Leak case opened: ${text(summary.suspect)}`, [
          `${text(p.actor)} opened a leak case for ${text(summary.suspect)} (verdict: ${text(summary.verdict, "unknown")}).`,
          { link: `${publicUrl}/leaks`, label: "Open the leak cases" },
        ]),
      };
    default:
      return null;
  }
}
