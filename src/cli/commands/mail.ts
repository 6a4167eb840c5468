import type { Command } from "commander";
import { EXIT } from "../exit-codes.ts";
import { printJson, runAction } from "../run-action.ts";
import { withRuntime } from "../with-runtime.ts";

export function registerMailCommands(program: Command): void {
  const mail = program.command("mail").description("Outgoing mail");
  mail
    .command("test")
    .description("Send a test message now through WARDEN_SMTP_URL and print the server's answer")
    .argument("<address>", "where to send it")
    .option("--json", "print JSON")
    .action(
      runAction(async (address: string, opts: { json?: boolean }) => {
        const { sendTestMail } = await import("../../services/mail/send-test-mail.ts");
        const sent = await withRuntime((ctx) => sendTestMail(ctx, address));
        if (opts.json) printJson(sent);
        else
          process.stdout.write(
            `Sent to ${address}: message id ${sent.messageId}\nServer answered: ${sent.response}\n`,
          );
        return EXIT.ok;
      }),
    );
}
