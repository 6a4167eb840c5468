import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { postOnce } from "./post-signed.ts";
import {
  checkWebhookUrl,
  guardedLookup,
  RefusedTargetError,
  refusedAddressReason,
} from "./webhook-target.ts";

describe("webhook targets", () => {
  it("refuses metadata, link-local, private, reserved and mapped addresses", () => {
    for (const address of [
      "169.254.169.254",
      "10.1.2.3",
      "172.31.255.255",
      "192.168.0.1",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "fd00:ec2::254",
      "fe80::1",
      "::ffff:10.0.0.1",
      "::ffff:a9fe:a9fe",
      "64:ff9b::a9fe:a9fe",
      "::",
    ]) {
      expect(refusedAddressReason(address, true), address).not.toBeNull();
    }
    for (const address of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "172.32.0.1"]) {
      expect(refusedAddressReason(address, false), address).toBeNull();
    }
  });

  it("allows loopback only when told to", () => {
    for (const address of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) {
      expect(refusedAddressReason(address, false), address).toBe("a loopback address");
      expect(refusedAddressReason(address, true), address).toBeNull();
    }
    expect(() => checkWebhookUrl("http://localhost:9/hook", false)).toThrow(/loopback/);
    expect(checkWebhookUrl("http://localhost:9/hook", true).hostname).toBe("localhost");
  });

  it("accepts https to a public name and refuses plain http, credentials and other schemes", () => {
    expect(checkWebhookUrl("https://hooks.example.com/warden", false).toString()).toBe(
      "https://hooks.example.com/warden",
    );
    expect(() => checkWebhookUrl("http://hooks.example.com/warden", true)).toThrow(/https/);
    expect(() => checkWebhookUrl("https://user:pw@hooks.example.com/", false)).toThrow(/credentials/);
    expect(() => checkWebhookUrl("file:///etc/passwd", false)).toThrow(/https/);
    expect(() => checkWebhookUrl("not a url", false)).toThrow(/not a URL/);
  });

  it("checks the addresses a name resolves to when connecting", async () => {
    const lookup = guardedLookup(false);
    const error = await new Promise<Error | null>((resolve) =>
      lookup("localhost", {}, (err) => resolve(err as Error | null)),
    );
    expect(error).toBeInstanceOf(RefusedTargetError);
    expect(error!.message).toMatch(/localhost resolves to .*loopback/);
  });

  it("sends nothing to a refused address, by name or by number", async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as AddressInfo).port;
    try {
      for (const url of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`]) {
        await expect(
          postOnce(new URL(url), "{}", {}, { allowLoopback: false, timeoutMs: 5_000 }),
        ).rejects.toBeInstanceOf(RefusedTargetError);
      }
      expect(hits).toBe(0);
      const allowed = await postOnce(
        new URL(`http://localhost:${port}/`),
        "{}",
        {},
        { allowLoopback: true, timeoutMs: 5_000 },
      );
      expect(allowed).toEqual({ status: 200, excerpt: "ok" });
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });
});
