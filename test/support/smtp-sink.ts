import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A message as a receiving server got it, with its MIME parts decoded. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  text: string;
  html: string;
  raw: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: ReceivedMail[];
  /** Waits (up to `timeoutMs`) for a message that matches, and returns it. */
  waitFor(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (a random port, or the one given), keeping every message it
 * accepts. No TLS and no authentication: Warden talks plain SMTP to it.
 */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        messages.push({
          ...parseMime(raw),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    messages,
    async waitFor(match, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `no matching message within ${timeoutMs} ms; got: ${messages.map((m) => m.subject).join(" | ")}`,
          );
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function splitHeaders(part: string): { headers: Map<string, string>; body: string } {
  const at = part.search(/\r?\n\r?\n/);
  const head = at < 0 ? part : part.slice(0, at);
  const body = at < 0 ? "" : part.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  const how = (encoding ?? "7bit").toLowerCase();
  if (how === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (how === "quoted-printable") {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, how: string, text: string) =>
    how.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text
            .replace(/_/g, " ")
            .replace(/=([0-9A-F]{2})/gi, (_n, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

/** Enough of MIME for what nodemailer sends: a multipart/alternative of text and HTML, or one part. */
function parseMime(raw: string): { subject: string; messageId: string; text: string; html: string } {
  const { headers, body } = splitHeaders(raw);
  const parts: { type: string; text: string }[] = [];
  const walk = (type: string, content: string, encoding: string | undefined) => {
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (type.toLowerCase().startsWith("multipart/") && boundary) {
      for (const piece of content.split(`--${boundary}`).slice(1)) {
        if (piece.startsWith("--")) break;
        const inner = splitHeaders(piece.replace(/^\r?\n/, ""));
        walk(
          inner.headers.get("content-type") ?? "text/plain",
          inner.body,
          inner.headers.get("content-transfer-encoding"),
        );
      }
    } else parts.push({ type: type.toLowerCase(), text: decodeBody(content, encoding) });
  };
  walk(headers.get("content-type") ?? "text/plain", body, headers.get("content-transfer-encoding"));
  return {
    subject: decodeWords(headers.get("subject") ?? ""),
    messageId: headers.get("message-id") ?? "",
    text: parts.find((p) => p.type.startsWith("text/plain"))?.text ?? "",
    html: parts.find((p) => p.type.startsWith("text/html"))?.text ?? "",
  };
}
