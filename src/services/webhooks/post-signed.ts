import { createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { guardedLookup, RefusedTargetError, refusedAddressReason } from "./webhook-target.ts";

/** The most of a receiver's answer kept in the delivery log. */
export const RESPONSE_EXCERPT_BYTES = 1024;

/** `sha256=<hex>`: the HMAC-SHA256 of the raw body with the webhook's secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export interface PostResult {
  status: number;
  excerpt: string;
}

/**
 * POSTs a body once: to an address checked when connecting, within a time limit,
 * without following redirects (a 3xx is an answer like any other), reading at most
 * a bounded excerpt of the answer.
 */
export function postOnce(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { allowLoopback: boolean; timeoutMs: number },
): Promise<PostResult> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    const why = refusedAddressReason(host, options.allowLoopback);
    if (why) return Promise.reject(new RefusedTargetError(`${host} is ${why}`));
  }
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
        lookup: guardedLookup(options.allowLoopback),
        timeout: options.timeoutMs,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on("data", (chunk: Buffer) => {
          if (kept < RESPONSE_EXCERPT_BYTES) {
            chunks.push(chunk.subarray(0, RESPONSE_EXCERPT_BYTES - kept));
            kept += Math.min(chunk.length, RESPONSE_EXCERPT_BYTES - kept);
          }
        });
        const finish = () =>
          resolve({ status: res.statusCode ?? 0, excerpt: Buffer.concat(chunks).toString("utf8") });
        res.on("end", finish);
        res.on("error", finish);
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on("close", () => clearTimeout(timer));
    req.end(body);
  });
}
