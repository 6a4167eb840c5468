import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Command } from "commander";
import { WardenError } from "../../domain/errors.ts";
import type { ContractPolicy, DocumentAnalysis } from "../../engines/contracts/index.ts";
import { EXIT } from "../exit-codes.ts";
import { printJson, runAction } from "../run-action.ts";

/**
 * `warden contract analyze <file> [--json] [--home <country>] [--policy <file>] [--vendor-country <country>]`: finds the
 * IP-protection clauses of a contract (PDF, DOCX or text), reads their key terms and checks
 * them against the contract policy. Exits 0 whenever the contract was analysed.
 */
export function registerContractCommands(program: Command): void {
  const contract = program.command("contract").description("Read contracts and check their clauses");
  contract
    .command("analyze")
    .description(
      "Find clauses (IP, confidentiality, flow-down, liability, audit, law…) and check them (CT-1..CT-10, OG-1)",
    )
    .argument("<file>", "the contract: PDF (with a text layer), DOCX or plain text")
    .option("--json", "print clauses, terms and checks as JSON")
    .option("--home <country>", "home country (ISO 3166 alpha-2) for governing law and venue")
    .option("--policy <file>", "contract policy (YAML or JSON); unspecified fields keep their defaults")
    .option(
      "--vendor-country <country>",
      "the vendor's country: an arbitration seat must be enforceable there (New York Convention and its reservations)",
    )
    .action(
      runAction(
        async (
          file: string,
          options: { json?: boolean; home?: string; policy?: string; vendorCountry?: string },
        ) => {
          const { analyzeDocument, defaultExtractionLimits } = await import(
            "../../engines/contracts/index.ts"
          );
          const policy = await loadPolicy(options.policy, options.home);
          const size = await stat(file).catch(() => {
            throw new WardenError("not_found", `No such file: ${file}.`);
          });
          if (size.size > defaultExtractionLimits.maxBytes) {
            throw new WardenError(
              "too_large",
              `${file} is ${size.size} bytes, more than the limit of ${defaultExtractionLimits.maxBytes}.`,
            );
          }
          const bytes = await readFile(file);
          const vendor = options.vendorCountry;
          // The country data is read only when a vendor country asks for it.
          const { isEnforceableSeat } = vendor
            ? await import("../../engines/jurisdiction/index.ts")
            : { isEnforceableSeat: undefined };
          const result = await analyzeDocument(bytes, {
            filename: basename(file),
            policy,
            ...(vendor && isEnforceableSeat
              ? {
                  isEnforceableSeat: (seat: string) =>
                    isEnforceableSeat(seat, vendor).verdict === "enforceable",
                }
              : {}),
          });
          if (options.json) printJson(result);
          else process.stdout.write(formatAnalysis(basename(file), result));
          return EXIT.ok;
        },
      ),
    );
}

async function loadPolicy(path: string | undefined, home: string | undefined): Promise<ContractPolicy> {
  const { contractPolicySchema } = await import("../../engines/contracts/index.ts");
  let raw: unknown = {};
  if (path) {
    const { parse: parseYaml } = await import("yaml");
    const text = await readFile(path, "utf8").catch(() => {
      throw new WardenError("not_found", `No such policy file: ${path}.`);
    });
    try {
      raw = parseYaml(text) ?? {};
    } catch (error) {
      throw new WardenError(
        "invalid_input",
        `The policy file is not valid YAML or JSON: ${(error as Error).message}`,
      );
    }
  }
  if (home) raw = { ...(raw as object), homeCountry: home.toUpperCase() };
  const parsed = contractPolicySchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join(".") || "(policy)"}: ${i.message}`)
      .join("; ");
    throw new WardenError("invalid_input", `The contract policy is invalid: ${issues}.`);
  }
  return parsed.data;
}

/** The human-readable report: clauses found, key terms, then one line per check. */
export function formatAnalysis(name: string, result: DocumentAnalysis): string {
  const lines: string[] = [];
  const pages = result.pages === null ? "" : `, ${result.pages} page(s)`;
  lines.push(
    `${name}: ${result.format}${pages}, ${result.characters} characters, ${result.clauses.length} clause(s) found`,
  );
  lines.push("");
  lines.push(
    `${"TYPE".padEnd(28)} ${"CONTROL".padEnd(7)} ${"SECTION".padEnd(10)} ${"SCORE".padEnd(5)}  TEXT`,
  );
  for (const c of result.clauses) {
    const excerpt = c.text.replace(/\s+/g, " ").slice(0, 60);
    lines.push(
      `${c.type.padEnd(28)} ${(c.control ?? "-").padEnd(7)} ${(c.section ?? "").slice(0, 10).padEnd(10)} ${c.score.toFixed(2).padEnd(5)}  ${excerpt}${c.text.length > 60 ? "…" : ""}`,
    );
  }
  const t = result.terms;
  lines.push("");
  lines.push("Key terms");
  const term = (label: string, value: string | null) => lines.push(`  ${label.padEnd(22)} ${value ?? "—"}`);
  term("governing law", t.governingLaw ? `${t.governingLaw.name} (${t.governingLaw.country})` : null);
  term(
    "venue",
    t.venue ? `${t.venue.name} (${t.venue.country})${t.venue.exclusive ? ", exclusive" : ""}` : null,
  );
  term(
    "arbitration",
    t.arbitration.chosen
      ? `yes${t.arbitration.seat ? `, seat ${t.arbitration.seat.name} (${t.arbitration.seat.country})` : ", seat not named"}${t.arbitration.rules ? `, ${t.arbitration.rules}` : ""}`
      : "no",
  );
  term(
    "liability cap",
    t.liabilityCap
      ? t.liabilityCap.basis === "unread"
        ? `could not be read: "${t.liabilityCap.text}"`
        : t.liabilityCap.basis === "exclusion-only"
          ? "no amount (kinds of damages excluded)"
          : [
              t.liabilityCap.amount
                ? `${t.liabilityCap.amount.currency} ${t.liabilityCap.amount.value.toLocaleString("en-US")}`
                : null,
              t.liabilityCap.formula,
            ]
              .filter(Boolean)
              .join(t.liabilityCap.basis === "greater-of" ? " or, if greater, " : " or, if less, ")
      : null,
  );
  term(
    "insurance",
    t.insurance.length
      ? t.insurance
          .map(
            (i) =>
              `${i.type}${i.minimum ? ` ${i.minimum.currency} ${i.minimum.value.toLocaleString("en-US")}` : ""}`,
          )
          .join(", ")
      : null,
  );
  term(
    "audit",
    t.audit
      ? [t.audit.noticeDays !== null ? `${t.audit.noticeDays} days' notice` : null, t.audit.frequency]
          .filter(Boolean)
          .join(", ") || "present"
      : null,
  );
  term(
    "non-compete",
    t.nonCompete
      ? t.nonCompete.durationMonths !== null
        ? `${t.nonCompete.durationMonths} months`
        : "present"
      : null,
  );
  term(
    "IP assignment",
    t.ipAssignment
      ? `${t.ipAssignment.coversDuringEngagement ? "covers work during the engagement" : "scope unclear"}; pre-existing IP ${t.ipAssignment.preExistingIp}`
      : null,
  );
  const fd = t.flowDown;
  term(
    "flow-down",
    fd.clauses.length
      ? [fd.employees ? "employees" : null, fd.subcontractors ? "subcontractors" : null]
          .filter(Boolean)
          .join(" and ") || "unclear"
      : null,
  );
  lines.push("");
  lines.push("Checks");
  for (const c of result.checks)
    lines.push(`  ${c.control.padEnd(6)} ${c.status.replace("_", " ").toUpperCase().padEnd(5)} ${c.reason}`);
  return `${lines.join("\n")}\n`;
}
