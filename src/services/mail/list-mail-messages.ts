import { requirePermission, type ServiceContext } from "../context.ts";

export interface MailMessageView {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  status: string;
  attempts: number;
  messageId: string | null;
  serverResponse: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** The mail log, newest first (admins): every message with its status, attempts and the server's answer. */
export async function listMailMessages(
  ctx: ServiceContext,
  query: { status?: string; limit?: string } = {},
): Promise<MailMessageView[]> {
  requirePermission(ctx, "settings.manage", "read the mail log");
  const limit = Math.min(Math.max(Number(query.limit) || 100, 1), 500);
  let select = ctx.runtime.db
    .selectFrom("mail_messages")
    .selectAll()
    .orderBy("created_at", "desc")
    .limit(limit);
  if (query.status) select = select.where("status", "=", query.status as never);
  const rows = await select.execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    recipient: r.recipient,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    messageId: r.message_id,
    serverResponse: r.server_response,
    error: r.error,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
  }));
}
