import { deflateSync } from "node:zlib";

/**
 * A one-page PDF whose compressed content stream holds `operators` text-showing operators: small
 * on disk, but pdf.js walks every operator, so reading it costs seconds of CPU (the "text operator
 * bomb" of a hostile upload). `repeats` lists the one stream that many times as the page's
 * contents, multiplying the work and not the bytes. With few operators it is an ordinary, readable
 * one-page document.
 */
export function textOperatorPdf(operators: number, word = "Confidential", repeats = 1): Uint8Array {
  const lines: string[] = ["BT /F1 10 Tf 72 720 Td 12 TL"];
  for (let i = 0; i < operators; i++) lines.push(`(${word}) Tj T*`);
  lines.push("ET");
  const content = deflateSync(Buffer.from(lines.join("\n"), "latin1"));
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents [${Array(repeats).fill("4 0 R").join(" ")}] >>`,
    null,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n", "latin1")];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  const push = (buffer: Buffer) => {
    parts.push(buffer);
    length += buffer.length;
  };
  objects.forEach((body, index) => {
    offsets.push(length);
    if (body === null) {
      push(
        Buffer.from(
          `${index + 1} 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`,
          "latin1",
        ),
      );
      push(content);
      push(Buffer.from("\nendstream\nendobj\n", "latin1"));
    } else {
      push(Buffer.from(`${index + 1} 0 obj\n${body}\nendobj\n`, "latin1"));
    }
  });
  const xref = length;
  let table = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) table += `${String(offset).padStart(10, "0")} 00000 n \n`;
  push(
    Buffer.from(
      `${table}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
      "latin1",
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}
