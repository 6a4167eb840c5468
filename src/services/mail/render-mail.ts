/** A message ready to send: a subject, a plain-text body and the same as HTML. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Escapes text for HTML: everything that comes from a user or a vendor goes through here. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** One part of a message: a paragraph, a list, or a link with its label. */
export type MailBlock = string | { list: string[] } | { link: string; label: string };

/**
 * Renders a message from blocks of plain text: the text part as written, the HTML
 * part with every piece escaped (only the tags added here are markup).
 *
 * @example
 * renderMail("Set your password", ["Welcome.", { link: url, label: "Set your password" }]);
 */
export function renderMail(subject: string, blocks: MailBlock[]): RenderedMail {
  const text: string[] = [];
  const html: string[] = [];
  for (const block of blocks) {
    if (typeof block === "string") {
      text.push(block);
      html.push(`<p>${escapeHtml(block)}</p>`);
    } else if ("list" in block) {
      text.push(block.list.map((item) => `- ${item}`).join("\n"));
      html.push(`<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`);
    } else {
      text.push(`${block.label}: ${block.link}`);
      html.push(`<p><a href="${escapeHtml(block.link)}">${escapeHtml(block.label)}</a></p>`);
    }
  }
  text.push("-- \nWarden");
  return {
    subject,
    text: `${text.join("\n\n")}\n`,
    html: `<!doctype html><html><body>${html.join("\n")}<p style="color:#666">Warden</p></body></html>`,
  };
}
