import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { listUsers } from "../../services/users/list-users.ts";
import { EXIT } from "../exit-codes.ts";
import { remoteServer } from "../remote-server.ts";
import { printJson, runAction } from "../run-action.ts";
import { withRuntime } from "../with-runtime.ts";

export function registerAdminCommands(program: Command): void {
  const user = program.command("user").description("Manage user accounts");
  user
    .command("create")
    .description("Create a user; the password is read from WARDEN_PASSWORD or --password-file")
    .requiredOption("--email <email>")
    .requiredOption("--name <name>")
    .requiredOption("--role <role>", "admin | security | legal | finance | auditor | vendor")
    .option("--vendor <id>", "the vendor a vendor user belongs to")
    .option("--password-file <file>", "a file whose first line is the password")
    .option("--json", "print JSON")
    .action(
      runAction(
        async (opts: {
          email: string;
          name: string;
          role: string;
          vendor?: string;
          passwordFile?: string;
          json?: boolean;
        }) => {
          const password = opts.passwordFile
            ? (readFileSync(opts.passwordFile, "utf8").split("\n")[0] ?? "")
            : (process.env.WARDEN_PASSWORD ?? "");
          const { createUser } = await import("../../services/users/create-user.ts");
          const created = await withRuntime((ctx) =>
            createUser(ctx, {
              email: opts.email,
              name: opts.name,
              role: opts.role,
              vendorId: opts.vendor ?? null,
              password,
            }),
          );
          if (opts.json) printJson(created);
          else process.stdout.write(`Created ${created.role} ${created.email} (${created.id})\n`);
          return EXIT.ok;
        },
      ),
    );
  user
    .command("list")
    .description("List users")
    .option("--q <text>", "search email or name")
    .option("--limit <n>", "page size", "50")
    .option("--offset <n>", "skip this many", "0")
    .option("--json", "print JSON")
    .action(
      runAction(async (opts: { q?: string; limit: string; offset: string; json?: boolean }) => {
        const remote = remoteServer();
        const query = { limit: opts.limit, offset: opts.offset, ...(opts.q ? { q: opts.q } : {}) };
        const page = remote
          ? await remote.getJson<Awaited<ReturnType<typeof listUsers>>>(
              `/api/users?${new URLSearchParams(query)}`,
            )
          : await withRuntime(async (ctx) =>
              (await import("../../services/users/list-users.ts")).listUsers(ctx, query),
            );
        if (opts.json) printJson(page);
        else {
          if (page.items.length === 0) process.stdout.write("No users.\n");
          for (const u of page.items) {
            process.stdout.write(
              `${u.id}  ${u.role.padEnd(8)}  ${u.email}${u.disabled ? "  (disabled)" : ""}\n`,
            );
          }
          if (page.total > page.offset + page.items.length) {
            process.stdout.write(`… ${page.total - page.offset - page.items.length} more (use --offset)\n`);
          }
        }
        return EXIT.ok;
      }),
    );
  for (const action of ["disable", "enable"] as const) {
    user
      .command(`${action} <emailOrId>`)
      .description(
        action === "disable" ? "Disable a user (ends their sessions and tokens)" : "Enable a disabled user",
      )
      .action(
        runAction(async (who: string) => {
          const { findUserId, setUserDisabled } = await import("../../services/users/disable-user.ts");
          const updated = await withRuntime(async (ctx) =>
            setUserDisabled(ctx, await findUserId(ctx, who), action === "disable"),
          );
          process.stdout.write(`${updated.email} is now ${updated.disabled ? "disabled" : "enabled"}\n`);
          return EXIT.ok;
        }),
      );
  }

  user
    .command("set-password <emailOrId>")
    .description("Set a user's password from WARDEN_PASSWORD or --password-file (ends their sessions)")
    .option("--password-file <file>", "a file whose first line is the password")
    .action(
      runAction(async (who: string, opts: { passwordFile?: string }) => {
        const password = opts.passwordFile
          ? (readFileSync(opts.passwordFile, "utf8").split("\n")[0] ?? "")
          : (process.env.WARDEN_PASSWORD ?? "");
        const [{ resetPassword }, { findUserId }] = await Promise.all([
          import("../../services/users/change-password.ts"),
          import("../../services/users/disable-user.ts"),
        ]);
        await withRuntime(async (ctx) => resetPassword(ctx, await findUserId(ctx, who), { password }));
        process.stdout.write(`Password of ${who} set; their sessions ended.\n`);
        return EXIT.ok;
      }),
    );

  const token = program.command("token").description("Manage API tokens");
  token
    .command("create")
    .description("Create an API token for a user; the secret is printed once")
    .requiredOption("--user <emailOrId>")
    .requiredOption("--name <name>")
    .option(
      "--expires-in-days <n>",
      "at most the token settings' limit (90 days, 30 for vendor contacts, by default)",
    )
    .option("--json", "print JSON")
    .action(
      runAction(async (opts: { user: string; name: string; expiresInDays?: string; json?: boolean }) => {
        const [{ createApiToken }, { findUserId }] = await Promise.all([
          import("../../services/auth/api-tokens.ts"),
          import("../../services/users/disable-user.ts"),
        ]);
        const made = await withRuntime(async (ctx) =>
          createApiToken(ctx, {
            name: opts.name,
            userId: await findUserId(ctx, opts.user),
            ...(opts.expiresInDays ? { expiresInDays: Number(opts.expiresInDays) } : {}),
          }),
        );
        if (opts.json) printJson(made);
        else process.stdout.write(`${made.token}\n(id ${made.info.id}; shown once: store it now)\n`);
        return EXIT.ok;
      }),
    );
  token
    .command("list")
    .description("List every user's API tokens (or one user's), with their expiry")
    .option("--user <emailOrId>", "only this user's tokens")
    .option("--json", "print JSON")
    .action(
      runAction(async (opts: { user?: string; json?: boolean }) => {
        const [{ listApiTokens }, { findUserId }] = await Promise.all([
          import("../../services/auth/api-tokens.ts"),
          import("../../services/users/disable-user.ts"),
        ]);
        const items = await withRuntime(async (ctx) =>
          listApiTokens(ctx, opts.user ? { userId: await findUserId(ctx, opts.user) } : {}),
        );
        if (opts.json) printJson({ items });
        else {
          if (items.length === 0) process.stdout.write("No API tokens.\n");
          for (const t of items) {
            const state = t.revoked ? "revoked" : `expires ${t.expiresAt?.slice(0, 10) ?? "never"}`;
            process.stdout.write(
              `${t.id}  ${t.prefix}…  ${t.name}  ${t.userEmail ?? t.userId}  (${state})\n`,
            );
          }
        }
        return EXIT.ok;
      }),
    );
  token
    .command("revoke <id>")
    .description("Revoke an API token")
    .action(
      runAction(async (id: string) => {
        const { revokeApiToken } = await import("../../services/auth/api-tokens.ts");
        const info = await withRuntime((ctx) => revokeApiToken(ctx, id));
        process.stdout.write(`Token ${info.name} (${info.id}) revoked\n`);
        return EXIT.ok;
      }),
    );

  program
    .command("audit")
    .description("The hash-chained audit log")
    .command("verify")
    .description("Walk the chain; exit 1 and name the first edited, deleted or reordered entry")
    .option("--json", "print JSON")
    .action(
      runAction(async (opts: { json?: boolean }) => {
        const { verifyAuditLog } = await import("../../services/audit/verify-audit-log.ts");
        const verdict = await withRuntime((ctx) => verifyAuditLog(ctx.runtime.db));
        if (opts.json) printJson(verdict);
        else if (verdict.ok) process.stdout.write(`Audit log intact: ${verdict.checked} entries verified.\n`);
        else process.stdout.write(`Audit log BROKEN: ${verdict.problem?.message}\n`);
        return verdict.ok ? EXIT.ok : EXIT.checkFailed;
      }),
    );
}
