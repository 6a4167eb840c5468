import { describe, expect, it } from "vitest";
import { flagAccessLog, parseAccessLog } from "./access-log.ts";

describe("parseAccessLog", () => {
  it("imports CSV with configured columns and reports malformed lines by number", () => {
    const csv = [
      "When,User,Client IP,Gateway",
      "2026-11-28T08:00:00Z,jdoe,10.20.1.5,vpn",
      "yesterday,jdoe,10.20.1.5,vpn",
      "2026-11-28T08:05:00Z,mroe,not-an-ip,vpn",
      "2026-11-28T08:06:00Z,kim,2001:db8:aa::5",
      "2026-11-28T08:07:00Z,-,[2001:db8:aa::6],rdp",
    ].join("\n");
    const { entries, errors } = parseAccessLog(csv, {
      kind: "csv",
      columns: { time: "When", account: "User", sourceIp: "Client IP", system: "Gateway" },
    });
    expect(entries).toEqual([
      { line: 2, time: "2026-11-28T08:00:00.000Z", account: "jdoe", sourceIp: "10.20.1.5", system: "vpn" },
      { line: 6, time: "2026-11-28T08:07:00.000Z", account: null, sourceIp: "2001:db8:aa::6", system: "rdp" },
    ]);
    expect(errors.map((error) => [error.line, error.message.split(" ")[0]])).toEqual([
      [3, "unreadable"],
      [4, "source"],
      [5, "expect"],
    ]);
  });

  it("refuses a CSV missing a column, naming it and the header it found", () => {
    expect(() => parseAccessLog("time,user\n", { kind: "csv", system: "vpn" })).toThrow(
      /source ip.*time, user/,
    );
  });

  it("imports Common and Combined Log Format lines and reports the malformed ones", () => {
    const log = [
      '10.20.1.5 - jdoe [28/Nov/2026:09:15:02 +0100] "GET /repo.git/info/refs HTTP/1.1" 200 512',
      "garbage line",
      '203.0.113.9 - - [28/Nov/2026:09:16:00 +0000] "POST /repo.git/git-upload-pack HTTP/1.1" 200 1024 "-" "git/2.43"',
      'gitlab.example - jdoe [28/Nov/2026:09:17:00 +0000] "GET / HTTP/1.1" 200 1',
      '10.20.1.5 - jdoe [31/Foo/2026:09:17:00 +0000] "GET / HTTP/1.1" 200 1',
      "",
    ].join("\n");
    const { entries, errors } = parseAccessLog(log, { kind: "common-log", system: "git" });
    expect(entries).toEqual([
      { line: 1, time: "2026-11-28T08:15:02.000Z", account: "jdoe", sourceIp: "10.20.1.5", system: "git" },
      { line: 3, time: "2026-11-28T09:16:00.000Z", account: null, sourceIp: "203.0.113.9", system: "git" },
    ]);
    expect(errors.map((error) => error.line)).toEqual([2, 4, 5]);
  });

  it("stops at the line bound and says so", () => {
    const line = '10.0.0.1 - a [28/Nov/2026:09:15:02 +0000] "GET / HTTP/1.1" 200 1\n';
    const { entries, errors } = parseAccessLog(
      line.repeat(5),
      { kind: "common-log", system: "git" },
      { maxLines: 3 },
    );
    expect(entries).toHaveLength(3);
    expect(errors).toEqual([{ line: 4, message: expect.stringMatching(/more than 3 lines/) }]);
  });
});

describe("flagAccessLog", () => {
  it("flags access from outside the approved ranges and by accounts not on the roster", () => {
    const { entries } = parseAccessLog(
      [
        "time,account,source_ip,system",
        "2026-11-28T08:00:00Z,jdoe,10.20.1.5,vpn",
        "2026-11-28T08:01:00Z,JDOE,198.51.100.4,vpn",
        "2026-11-28T08:02:00Z,stranger,2001:db8:aa::9,vpn",
        "2026-11-28T08:03:00Z,stranger,2001:db8:bb::9,vpn",
      ].join("\n"),
      { kind: "csv" },
    );
    const flags = flagAccessLog({
      entries,
      approvedRanges: ["10.20.0.0/16", "2001:db8:aa::/48"],
      rosterAccounts: ["jdoe"],
    });
    expect(flags.map((flag) => `${flag.line}:${flag.kind}`)).toEqual([
      "3:outside-approved-ranges",
      "4:unknown-account",
      "5:outside-approved-ranges",
      "5:unknown-account",
    ]);
    expect(flags.every((flag) => flag.control === "KO-3")).toBe(true);
  });
});
