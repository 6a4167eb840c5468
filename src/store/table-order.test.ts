import { describe, expect, it } from "vitest";
import { orderByDependencies } from "./table-order.ts";

describe("orderByDependencies", () => {
  it("puts every table after the tables it refers to", () => {
    const order = orderByDependencies(
      ["sessions", "engagements", "vendors", "users", "milestones"],
      [
        { table: "sessions", references: "users" },
        { table: "engagements", references: "vendors" },
        { table: "milestones", references: "engagements" },
        { table: "engagements", references: "users" },
      ],
    );
    const at = (t: string) => order.indexOf(t);
    expect(order).toHaveLength(5);
    expect(at("users")).toBeLessThan(at("sessions"));
    expect(at("vendors")).toBeLessThan(at("engagements"));
    expect(at("users")).toBeLessThan(at("engagements"));
    expect(at("engagements")).toBeLessThan(at("milestones"));
  });

  it("lets a table refer to itself", () => {
    expect(orderByDependencies(["people"], [{ table: "people", references: "people" }])).toEqual(["people"]);
  });

  it("refuses a cycle between tables, naming them", () => {
    expect(() =>
      orderByDependencies(
        ["a", "b", "c"],
        [
          { table: "a", references: "b" },
          { table: "b", references: "a" },
        ],
      ),
    ).toThrow(/a, b refer to each other/);
  });
});
