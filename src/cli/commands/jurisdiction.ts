import type { Command } from "commander";
import { printJson, runAction } from "../run-action.ts";

/**
 * `warden jurisdiction <country> [--home <country>] [--json]`: the forum to choose for a vendor in a
 * country, the risks, what the contract should say and the sourced facts behind it.
 */
export function registerJurisdictionCommands(program: Command): void {
  program
    .command("jurisdiction")
    .description(
      "Advise on governing law and forum for a vendor's country: home courts or an arbitration seat, risks, contract terms and sourced treaty facts",
    )
    .argument("<country>", "vendor country: ISO 3166 alpha-2 (IN), alpha-3 (IND) or name (India)")
    .option(
      "--home <country>",
      "the country whose courts and law you would use (for EU courts, a member state such as DE)",
      "US",
    )
    .option("--json", "print the advice as JSON")
    .action(
      runAction(async (country: string, options: { home: string; json?: boolean }) => {
        const { adviseJurisdiction, formatAdvice } = await import("../../engines/jurisdiction/index.ts");
        const advice = adviseJurisdiction(country, options.home);
        if (options.json) printJson(advice);
        else process.stdout.write(formatAdvice(advice));
        return undefined;
      }),
    );
}
