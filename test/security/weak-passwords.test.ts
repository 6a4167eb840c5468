import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WardenError } from "../../src/domain/errors.ts";
import { completeSetup, issueSetupToken } from "../../src/services/auth/setup.ts";
import { changeOwnPassword, resetPassword } from "../../src/services/users/change-password.ts";
import { createUser } from "../../src/services/users/create-user.ts";
import { contextFor, makeUser, systemContext, TEST_PASSWORD, uniqueEmail } from "../support/fixtures.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const WEAK = ["aaaaaaaaaaaa", "password1234", " ".repeat(12), "qwertyuiop12"];

async function refusal(work: () => Promise<unknown>): Promise<WardenError> {
  const error = await work().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WardenError)) throw new Error(`expected a WardenError, got ${String(error)}`);
  return error;
}

describe("weak passwords", () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => runtime.close());

  it("are refused at setup, saying why", async () => {
    const token = await issueSetupToken(runtime);
    for (const password of WEAK) {
      const error = await refusal(() =>
        completeSetup(
          runtime,
          { token, email: "first@example.com", name: "First Admin", password },
          { ip: null, userAgent: null },
        ),
      );
      expect(error.code).toBe("invalid_input");
      expect(error.message).toMatch(/too easy to guess: it (repeats|is a commonly used)/);
    }
  });

  it("are refused when an admin creates a user or sets a password (the CLI's set-password too)", async () => {
    const ctx = systemContext(runtime);
    const user = await makeUser(runtime, "legal");
    for (const password of WEAK) {
      const created = await refusal(() =>
        createUser(ctx, { email: uniqueEmail(), name: "Lee Legal", role: "legal", password }),
      );
      expect(created.details).toMatchObject({ field: "password" });
      expect((await refusal(() => resetPassword(ctx, user.id, { password }))).code).toBe("invalid_input");
    }
  });

  it("are refused when users change their own, and so is one made of their own email", async () => {
    const user = await makeUser(runtime, "security", { email: "priya.natarajan@example.com" });
    const ctx = contextFor(runtime, user);
    for (const newPassword of [...WEAK, "priya.natarajan@example.com"]) {
      const error = await refusal(() =>
        changeOwnPassword(ctx, { currentPassword: TEST_PASSWORD, newPassword }),
      );
      expect(error.message).toMatch(/too easy to guess/);
    }
    await changeOwnPassword(ctx, {
      currentPassword: TEST_PASSWORD,
      newPassword: "tidal copper lantern orbit",
    });
  });
});
