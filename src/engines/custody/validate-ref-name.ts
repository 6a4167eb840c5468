import { WardenError } from "../../domain/errors.ts";

const MAX_REF_LENGTH = 255;
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** True when the text is a full object id (sha-1 or sha-256), which needs no ref-name checks. */
export function isObjectId(text: string): boolean {
  return OBJECT_ID.test(text);
}

/**
 * Checks a branch, tag or full ref name against git's `check-ref-format` rules, plus Warden's own:
 * no leading dash, no `refs/warden/` (our preserved namespace is not the vendor's to name), and no
 * revision syntax (`^`, `~`, `:`, `@{`) so a "ref" can never become an expression.
 * A full object id is accepted as is.
 *
 * @example
 * validateRefName("v1.2.0"); // "v1.2.0"
 * validateRefName("refs/heads/../../config"); // throws invalid_input
 */
export function validateRefName(name: string): string {
  const bad = (why: string): never => {
    throw new WardenError(
      "invalid_input",
      `Ref name refused: ${why} Give a branch, a tag or a full commit id.`,
    );
  };
  if (typeof name !== "string" || name.length === 0) bad("it is empty.");
  if (isObjectId(name)) return name;
  if (name.length > MAX_REF_LENGTH) bad(`it is longer than ${MAX_REF_LENGTH} characters.`);
  if (name.startsWith("-")) bad("it starts with '-'.");
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name))
    bad("it contains a space, a control character or one of ~ ^ : ? * [ \\.");
  if (name.includes("..")) bad("it contains '..'.");
  if (name.includes("@{")) bad("it contains '@{'.");
  if (name === "@") bad("'@' alone is not a ref.");
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//"))
    bad("it has an empty path component.");
  if (name.endsWith(".")) bad("it ends with '.'.");
  for (const component of name.split("/")) {
    if (component.startsWith(".")) bad("a path component starts with '.'.");
    if (component.endsWith(".lock")) bad("a path component ends with '.lock'.");
  }
  if (name.startsWith("refs/warden/")) bad("refs/warden/ is Warden's own namespace.");
  return name;
}
