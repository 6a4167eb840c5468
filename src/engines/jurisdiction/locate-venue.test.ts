import { describe, expect, it } from "vitest";
import { isVenueAtHome, locateVenue } from "./locate-venue.ts";

describe("locateVenue and isVenueAtHome", () => {
  it("places cities, regions and country names", () => {
    expect(
      locateVenue("the state and federal courts located in New York County").map((m) => m.alpha2),
    ).toEqual(["US"]);
    expect(locateVenue("the courts of England and Wales").map((m) => m.alpha2)).toEqual(["GB"]);
    expect(locateVenue("SIAC, seat of arbitration: Singapore").map((m) => m.alpha2)).toEqual(["SG"]);
    expect(locateVenue("courts at Bengaluru, Karnataka").map((m) => m.alpha2)).toEqual(["IN"]);
  });

  it("does not read ordinary words as country codes", () => {
    expect(locateVenue("disputes are settled in good faith by the parties")).toEqual([]);
    expect(locateVenue("courts in the UK").map((m) => m.alpha2)).toEqual(["GB"]);
  });

  it("says whether the venue is at home", () => {
    expect(isVenueAtHome("courts of the State of Delaware", "US").atHome).toBe(true);
    expect(isVenueAtHome("High Court at Mumbai", "US").atHome).toBe(false);
    expect(isVenueAtHome("somewhere agreed later", "US").atHome).toBeNull();
    expect(isVenueAtHome("Paris", "DE").atHome).toBe(false);
    expect(isVenueAtHome("Paris", "DE", { euCountsAsHome: true }).atHome).toBe(true);
  });
});
