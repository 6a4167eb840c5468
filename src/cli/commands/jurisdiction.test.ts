import { afterEach, describe, expect, it } from "vitest";
import { runCommand } from "../run-command.test-support.ts";
import { registerJurisdictionCommands } from "./jurisdiction.ts";

function run(args: string[]) {
  return runCommand(registerJurisdictionCommands, args);
}

afterEach(() => {
  process.exitCode = undefined;
});

describe("warden jurisdiction", () => {
  it("prints readable advice for a vendor country with the default US home", async () => {
    const { stdout, code } = await run(["jurisdiction", "IN"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Vendor in India (IN), home United States (US)");
    expect(stdout).toMatch(/Recommended forum: arbitration seated in/);
    expect(stdout).toContain("Source: ");
  });

  it("prints JSON with --json and honours --home", async () => {
    const { stdout, code } = await run(["jurisdiction", "india", "--home", "GBR", "--json"]);
    expect(code).toBe(0);
    const advice = JSON.parse(stdout);
    expect(advice.home.alpha2).toBe("GB");
    expect(advice.recommendedForum.kind).toBe("home-courts");
  });

  it("exits with the not-found code and suggestions for an unknown country", async () => {
    const { stderr, code } = await run(["jurisdiction", "Indai"]);
    expect(code).toBe(5);
    expect(stderr).toContain("Did you mean India (IN)?");
  });
});
