import { describe, expect, it } from "vitest";
import { credentialEnvironment } from "./git-credentials.ts";

describe("credentialEnvironment", () => {
  it("sends https credentials as a header through git's environment config, not argv or the URL", () => {
    const env = credentialEnvironment({ username: "ci-bot", token: "s3cr3t-token" }, "https");
    expect(env).toEqual({
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "http.extraHeader",
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from("ci-bot:s3cr3t-token").toString("base64")}`,
    });
  });

  it("uses x-access-token as the user for a bare token, and nothing without a secret", () => {
    const env = credentialEnvironment({ token: "abc" }, "https");
    expect(env.GIT_CONFIG_VALUE_0).toBe(
      `Authorization: Basic ${Buffer.from("x-access-token:abc").toString("base64")}`,
    );
    expect(credentialEnvironment({ username: "only" }, "https")).toEqual({});
    expect(credentialEnvironment(undefined, "https")).toEqual({});
  });

  it("refuses to send a password over ssh or with control characters that could split the header", () => {
    expect(() => credentialEnvironment({ password: "pw" }, "ssh")).toThrow(/only sent over https/);
    expect(() => credentialEnvironment({ username: "a", password: "pw\r\nX-Evil: 1" }, "https")).toThrow(
      /control characters/,
    );
  });
});
