import { WardenError } from "../domain/errors.ts";

/** A foreign key as the catalog states it: `table` refers to `references`. */
export interface TableDependency {
  table: string;
  references: string;
}

/**
 * Orders tables so that each comes after every table its foreign keys refer
 * to (a copy inserts them in this order without breaking a constraint). A
 * table referring to itself orders nothing; among tables free to go next, the
 * alphabetical first goes, so the order is the same on every run. A cycle
 * between tables cannot be ordered and is refused by name.
 *
 * @example
 * orderByDependencies(["users", "sessions"], [{ table: "sessions", references: "users" }]);
 * // ["users", "sessions"]
 */
export function orderByDependencies(
  tables: readonly string[],
  dependencies: readonly TableDependency[],
): string[] {
  const known = new Set(tables);
  const waitingOn = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { table, references } of dependencies) {
    if (table === references || !known.has(table) || !known.has(references)) continue;
    waitingOn.get(table)?.add(references);
  }
  const order: string[] = [];
  while (waitingOn.size > 0) {
    const ready = [...waitingOn].filter(([, deps]) => deps.size === 0).map(([t]) => t);
    if (ready.length === 0) {
      throw new WardenError(
        "unsupported",
        `The tables ${[...waitingOn.keys()].sort().join(", ")} refer to each other in a cycle; they cannot be copied in dependency order.`,
      );
    }
    const next = ready.sort()[0] as string;
    order.push(next);
    waitingOn.delete(next);
    for (const deps of waitingOn.values()) deps.delete(next);
  }
  return order;
}
