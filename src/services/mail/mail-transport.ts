import nodemailer, { type Transporter } from "nodemailer";
import type { Config } from "../../config.ts";

/** What an SMTP server answered to one message. */
export interface MailReceipt {
  messageId: string;
  response: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * The SMTP transport from WARDEN_SMTP_URL (credentials in the URL, or the password
 * from WARDEN_SMTP_PASSWORD), or null when mail is not configured. `smtps://` is
 * TLS from the first byte; `smtp://` upgrades with STARTTLS when the server offers it.
 *
 * @example
 * const transport = createMailTransport(config);
 * if (transport) await sendThrough(transport, config, { to, subject, text, html });
 */
export function createMailTransport(config: Pick<Config, "smtpUrl" | "smtpPassword">): Transporter | null {
  if (!config.smtpUrl) return null;
  const url = new URL(config.smtpUrl);
  const secure = url.protocol === "smtps:";
  const user = decodeURIComponent(url.username);
  const pass = url.password ? decodeURIComponent(url.password) : config.smtpPassword;
  return nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: pass ?? "" } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

/** Sends one message and returns the server's answer; throws what the server or network said. */
export async function sendThrough(
  transport: Transporter,
  from: string,
  mail: OutgoingMail,
): Promise<MailReceipt> {
  const info = await transport.sendMail({ from, ...mail });
  return { messageId: String(info.messageId ?? ""), response: String(info.response ?? "") };
}
