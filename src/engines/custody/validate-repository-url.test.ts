import { describe, expect, it } from "vitest";
import { validateRefName } from "./validate-ref-name.ts";
import { validateRepositoryUrl } from "./validate-repository-url.ts";

describe("validateRepositoryUrl", () => {
  it("accepts https, ssh URLs, scp-like addresses, file URLs and local paths", () => {
    expect(validateRepositoryUrl("https://git.example.com/acme/app.git").transport).toBe("https");
    expect(validateRepositoryUrl("ssh://git@git.example.com:2222/acme/app.git").transport).toBe("ssh");
    expect(validateRepositoryUrl("git@github.com:acme/app.git").transport).toBe("ssh");
    expect(validateRepositoryUrl("file:///srv/git/app.git", { allowFile: true }).transport).toBe("file");
    const local = validateRepositoryUrl("/srv/git/app.git", { allowFile: true });
    expect(local).toMatchObject({ transport: "file", url: "file:///srv/git/app.git" });
  });

  it.each([
    ["ext::sh -c touch% /tmp/pwned", "transport helpers"],
    ["fd::17", "transport helpers"],
    ["custom-helper::https://example.com/x", "transport helpers"],
    ["--upload-pack=touch /tmp/pwned", "starts with '-'"],
    ["-oProxyCommand=touch /tmp/pwned", "starts with '-'"],
    ["ssh://-oProxyCommand=touch/x", "git option|starts with '-'"],
    ["https://example.com/x --upload-pack=sh", "git option"],
    ["https://example.com/x\nother", "control characters"],
    ["https://user:secret@example.com/x.git", "credentials field"],
    ["https://ghp_token@example.com/x.git", "credentials field"],
    ["alice:pw@example.com:x.git", "password"],
    ["http://example.com/x.git", "plain http"],
    ["git://example.com/x.git", "git://"],
    ["ftp://example.com/x.git", "not supported"],
  ])("refuses %s", (url, reason) => {
    expect(() => validateRepositoryUrl(url, { allowFile: true })).toThrow(new RegExp(reason));
  });

  it("refuses local paths and file URLs unless the caller allows them", () => {
    expect(() => validateRepositoryUrl("/srv/git/app.git")).toThrow(/local paths are not allowed/);
    expect(() => validateRepositoryUrl("file:///srv/git/app.git")).toThrow(/file URLs are not allowed/);
  });

  it("allows git:// only to loopback and only when asked", () => {
    expect(validateRepositoryUrl("git://127.0.0.1:9418/app", { allowGitDaemon: true }).transport).toBe("git");
    expect(() => validateRepositoryUrl("git://10.0.0.1/app", { allowGitDaemon: true })).toThrow(/loopback/);
  });
});

describe("validateRefName", () => {
  it("accepts branches, tags, full refs and object ids", () => {
    for (const name of ["main", "v1.2.0", "release/2026-01", "refs/tags/v1", "a".repeat(40)]) {
      expect(validateRefName(name)).toBe(name);
    }
  });

  it.each([
    "../../etc/passwd",
    "refs/heads/../config",
    "main..other",
    "HEAD@{1}",
    "main^{tree}",
    "main~1",
    ":/fix",
    "-n",
    "--output=/tmp/x",
    "/abs",
    "a//b",
    "trailing/",
    ".hidden",
    "x/.hidden",
    "branch.lock",
    "with space",
    "a\u0000b",
    "refs/warden/preserved/x/refs/heads/main",
  ])("refuses %j", (name) => {
    expect(() => validateRefName(name)).toThrow(/Ref name refused/);
  });
});
