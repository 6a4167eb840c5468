import { describe, expect, it } from "vitest";
import { matchPath } from "./match-path.ts";
import { safeLocalPath } from "./navigation.ts";

describe("matchPath", () => {
  it("captures named segments, decoded", () => {
    expect(matchPath("/engagements/:id/stages/:stage", "/engagements/42/stages/due%20diligence")).toEqual({
      id: "42",
      stage: "due diligence",
    });
  });

  it("needs every segment to match, no more and no fewer", () => {
    expect(matchPath("/vendors", "/vendors")).toEqual({});
    expect(matchPath("/vendors", "/vendors/1")).toBeNull();
    expect(matchPath("/vendors/:id", "/vendors")).toBeNull();
    expect(matchPath("/", "/")).toEqual({});
    expect(matchPath("/", "/vendors")).toBeNull();
  });

  it("lets a final * take the rest of the path", () => {
    expect(matchPath("/settings/*", "/settings/users/new")).toEqual({ "*": "users/new" });
  });

  it("refuses a segment that is not valid percent-encoding", () => {
    expect(matchPath("/vendors/:id", "/vendors/%E0%A4%A")).toBeNull();
  });
});

describe("safeLocalPath", () => {
  it("keeps same-site paths and drops anything that could leave the site", () => {
    expect(safeLocalPath("/settings/users?offset=20")).toBe("/settings/users?offset=20");
    expect(safeLocalPath("//evil.example/")).toBeNull();
    expect(safeLocalPath("/\\evil.example")).toBeNull();
    expect(safeLocalPath("https://evil.example/")).toBeNull();
    expect(safeLocalPath(null)).toBeNull();
  });
});
