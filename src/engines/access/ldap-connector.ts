import { isIP } from "node:net";
import type { ConnectionOptions } from "node:tls";
import {
  AlreadyExistsError,
  Attribute,
  Change,
  Client,
  type Entry,
  FilterParser,
  InsufficientAccessError,
  InvalidCredentialsError,
  InvalidDNSyntaxError,
  NoSuchAttributeError,
  NoSuchObjectError,
  ObjectClassViolationError,
  ResultCodeError,
  TypeOrValueExistsError,
} from "ldapts";
import { z } from "zod";
import { WardenError } from "../../domain/errors.ts";
import type {
  AccountConnector,
  DirectoryAccount,
  DirectoryChange,
  DisableMethod,
  DisablePlan,
} from "./account-connector.ts";
import { formatDn, formatRdn, isDnWithin, normalizeDn, parseDn } from "./ldap-dn.ts";
import { equalityFilter, escapeFilterValue } from "./ldap-filter.ts";

const attributeName = z
  .string()
  .regex(/^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)$/, "an LDAP attribute name such as uid");

const dnString = z
  .string()
  .min(1)
  .refine((value) => {
    try {
      return parseDn(value).length > 0;
    } catch {
      return false;
    }
  }, "a valid DN such as ou=people,dc=example,dc=com");

const filterString = z.string().refine((value) => {
  try {
    FilterParser.parseString(value);
    return true;
  } catch {
    return false;
  }
}, "a valid LDAP filter such as (employeeType=vendor)");

/** Connector settings, as an organisation configures them. Parse with {@link parseLdapConnectorConfig}. */
export const ldapConnectorConfigSchema = z
  .object({
    /** The system name findings and runbooks use for this directory. */
    system: z.string().min(1).max(100).default("ldap"),
    url: z.string().regex(/^ldaps?:\/\/[^\s]+$/, "an ldap:// or ldaps:// URL"),
    bindDn: dnString,
    bindPassword: z.string().min(1),
    baseDn: dnString,
    /** Recognises vendor accounts, e.g. `(employeeType=vendor)`. */
    accountFilter: filterString.default("(objectClass=inetOrgPerson)"),
    accountAttribute: attributeName.default("uid"),
    groupBaseDn: dnString.optional(),
    groupFilter: filterString.default(
      "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))",
    ),
    /** `member`/`uniqueMember` hold DNs; `memberUid` holds account names. */
    groupMemberAttribute: z.enum(["member", "uniqueMember", "memberUid"]).default("member"),
    groupNameAttribute: attributeName.default("cn"),
    /** Extra attributes returned as evidence with each account. */
    evidenceAttributes: z.array(attributeName).max(50).default(["cn", "mail", "employeeType"]),
    disable: z
      .object({
        method: z.enum(["remove-groups", "move-ou", "lock-attribute"]),
        disabledOu: dnString.optional(),
        lockAttribute: attributeName.optional(),
        lockValue: z.string().min(1).optional(),
      })
      .superRefine((disable, ctx) => {
        if (disable.method === "move-ou" && !disable.disabledOu) {
          ctx.addIssue({ code: "custom", message: "move-ou needs disabledOu (where disabled accounts go)" });
        }
        if (
          disable.method === "lock-attribute" &&
          (!disable.lockAttribute || (!disable.lockValue && !isAccountControl(disable.lockAttribute)))
        ) {
          ctx.addIssue({
            code: "custom",
            message: "lock-attribute needs lockAttribute and lockValue (or lockAttribute userAccountControl)",
          });
        }
      }),
    /** ldaps:// or StartTLS: the CA that signed the server's certificate (PEM), when not a public one. */
    tls: z
      .object({ caCertificate: z.string().max(200_000).optional(), startTls: z.boolean().default(false) })
      .strict()
      .default({ startTls: false }),
    timeoutMs: z.number().int().min(100).max(600_000).default(10_000),
    pageSize: z.number().int().min(1).max(10_000).default(1000),
    /** Refuse to read more accounts than this (a bound against a runaway filter). */
    maxAccounts: z.number().int().min(1).max(5_000_000).default(1_000_000),
  })
  .strict()
  .superRefine((config, ctx) => {
    // Locking an account through an attribute the account filter tests would make the locked account
    // vanish from every read, and the read-back could then never prove it disabled.
    if (config.tls.startTls && config.url.startsWith("ldaps:")) {
      ctx.addIssue({
        code: "custom",
        path: ["tls", "startTls"],
        message: "StartTLS is for ldap:// URLs; ldaps:// is TLS already",
      });
    }
    const lock = config.disable.lockAttribute;
    if (
      config.disable.method === "lock-attribute" &&
      lock &&
      new RegExp(`\\(${lock}[~<>:]?=`, "i").test(config.accountFilter)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["disable", "lockAttribute"],
        message: `${lock} is tested by accountFilter; lock accounts through an attribute the filter does not use`,
      });
    }
  });

export type LdapConnectorConfig = z.output<typeof ldapConnectorConfigSchema>;
export type LdapConnectorConfigInput = z.input<typeof ldapConnectorConfigSchema>;

/** Validates connector settings; throws `invalid_input` naming each bad field. */
export function parseLdapConnectorConfig(input: unknown): LdapConnectorConfig {
  const parsed = ldapConnectorConfigSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "config"}: ${issue.message}`,
    );
    throw new WardenError("invalid_input", `LDAP connector settings are invalid: ${problems.join("; ")}.`, {
      issues: problems,
    });
  }
  return parsed.data;
}

interface FoundEntry {
  dn: string;
  account: string;
  attributes: Record<string, string[]>;
}

/**
 * Reads and disables vendor accounts in an LDAP directory (OpenLDAP, Active Directory) through `ldapts`.
 * Every account name goes into filters escaped (RFC 4515) and into DNs escaped (RFC 4514); every write
 * targets a DN checked, after parsing, to lie below `baseDn`.
 *
 * @example
 * const ldap = createLdapConnector({
 *   url: "ldap://10.0.0.5/", bindDn: "cn=warden,dc=corp", bindPassword: secret, baseDn: "dc=corp",
 *   accountFilter: "(employeeType=vendor)", disable: { method: "move-ou", disabledOu: "ou=disabled,dc=corp" },
 * });
 * const accounts = await ldap.readAccounts();
 * await ldap.disableAccount("jdoe");
 * const after = await ldap.readBack("jdoe"); // after.enabled === false
 */
export function createLdapConnector(input: LdapConnectorConfigInput | LdapConnectorConfig): AccountConnector {
  return new LdapConnector(parseLdapConnectorConfig(input));
}

class LdapConnector implements AccountConnector {
  readonly canDisable = true;
  readonly system: string;
  readonly disableMethod: DisableMethod;
  private readonly groupBaseDn: string;
  private readonly disabledOuKey: string | null;

  constructor(private readonly config: LdapConnectorConfig) {
    this.system = config.system;
    this.disableMethod = config.disable.method;
    this.groupBaseDn = config.groupBaseDn ?? config.baseDn;
    this.disabledOuKey = config.disable.disabledOu ? normalizeDn(config.disable.disabledOu) : null;
  }

  async readAccounts(): Promise<DirectoryAccount[]> {
    // Two connections: servers (OpenLDAP among them) run one paged search per connection at a time.
    const [entries, groups] = await Promise.all([
      this.session((client) => this.searchAccounts(client, null)),
      this.session((client) => this.searchGroups(client, null)),
    ]);
    return entries.map((entry) => this.toAccount(entry, groups));
  }

  async readBack(account: string): Promise<DirectoryAccount | null> {
    return this.session(async (client) => {
      const entry = await this.findOne(client, account);
      if (!entry) return null;
      const groups = await this.searchGroups(client, entry);
      return this.toAccount(entry, groups);
    });
  }

  async planDisable(account: string, method: DisableMethod = this.disableMethod): Promise<DisablePlan> {
    return this.session((client) => this.plan(client, account, method));
  }

  async disableAccount(account: string, method: DisableMethod = this.disableMethod): Promise<DisablePlan> {
    return this.session(async (client) => {
      const plan = await this.plan(client, account, method);
      for (const change of plan.changes) await this.apply(client, change);
      return plan;
    });
  }

  private async plan(client: Client, account: string, method: DisableMethod): Promise<DisablePlan> {
    const entry = await this.findOne(client, account);
    if (!entry) {
      throw new WardenError(
        "not_found",
        `No account ${JSON.stringify(account)} matching ${this.config.accountFilter} below ${this.config.baseDn} in ${this.system}.`,
      );
    }
    this.assertWritable(entry.dn, "the account");
    const changes: DirectoryChange[] = [];
    if (method === "remove-groups") {
      const memberships = await this.membershipsOf(client, entry);
      for (const group of memberships) {
        this.assertWritable(group.dn, `group ${group.name}`);
        changes.push({
          op: "remove-member",
          groupDn: group.dn,
          group: group.name,
          attribute: this.config.groupMemberAttribute,
          value: this.config.groupMemberAttribute === "memberUid" ? entry.account : entry.dn,
        });
      }
    } else if (method === "move-ou") {
      const disabledOu = this.config.disable.disabledOu;
      if (!disabledOu) {
        throw new WardenError(
          "invalid_input",
          `Connector ${this.system} has no disabledOu; set disable.disabledOu.`,
        );
      }
      if (!this.inDisabledOu(entry.dn)) {
        const rdn = parseDn(entry.dn)[0];
        if (!rdn) throw new WardenError("integrity", `Directory returned an empty DN for ${account}.`);
        const toDn = `${formatRdn(rdn)},${formatDn(parseDn(disabledOu))}`;
        this.assertWritable(toDn, "the disabled OU");
        changes.push({ op: "move", fromDn: entry.dn, toDn });
      }
    } else {
      const { lockAttribute, lockValue } = this.config.disable;
      const current = lockAttribute ? valuesOf(entry.attributes, lockAttribute) : [];
      const target =
        lockAttribute && isAccountControl(lockAttribute)
          ? accountControlDisabled(current, account)
          : lockValue;
      if (!lockAttribute || target === undefined) {
        throw new WardenError(
          "invalid_input",
          `Connector ${this.system} has no lock attribute; set disable.lockAttribute and disable.lockValue.`,
        );
      }
      if (!(current.length === 1 && current[0] === target)) {
        changes.push({
          op: "set-attribute",
          dn: entry.dn,
          attribute: lockAttribute,
          from: current,
          to: [target],
        });
      }
    }
    return { system: this.system, account: entry.account, method, dn: entry.dn, changes };
  }

  private async apply(client: Client, change: DirectoryChange): Promise<void> {
    // Checked again at the write itself, so no path around the plan can write outside the base DN.
    if (change.op === "remove-member") {
      this.assertWritable(change.groupDn, `group ${change.group}`);
      try {
        await client.modify(
          change.groupDn,
          new Change({
            operation: "delete",
            modification: new Attribute({ type: change.attribute, values: [change.value] }),
          }),
        );
      } catch (error) {
        if (error instanceof ObjectClassViolationError) {
          throw new WardenError(
            "conflict",
            `Cannot remove the last member of group ${change.groupDn} in ${this.system}: the schema requires at least one member. Add a placeholder member to the group, or use another disable method.`,
          );
        }
        throw error;
      }
    } else if (change.op === "move") {
      this.assertWritable(change.fromDn, "the account");
      this.assertWritable(change.toDn, "the disabled OU");
      await client.modifyDN(change.fromDn, change.toDn);
    } else {
      this.assertWritable(change.dn, "the account");
      // Delete the values read and add the new ones in one modify: if someone changed the attribute
      // since the plan was made (userAccountControl carries other flags), the delete fails instead of
      // overwriting their change.
      const attribute = (values: string[]) => new Attribute({ type: change.attribute, values });
      const steps = [new Change({ operation: "add", modification: attribute(change.to) })];
      if (change.from.length > 0)
        steps.unshift(new Change({ operation: "delete", modification: attribute(change.from) }));
      try {
        await client.modify(change.dn, steps);
      } catch (error) {
        if (error instanceof NoSuchAttributeError || error instanceof TypeOrValueExistsError) {
          throw new WardenError(
            "conflict",
            `${change.attribute} of ${change.dn} in ${this.system} changed while Warden was disabling the account; run again.`,
          );
        }
        throw error;
      }
    }
  }

  private assertWritable(dn: string, what: string): void {
    let inside = false;
    try {
      inside = isDnWithin(dn, this.config.baseDn, { strict: true });
    } catch {
      inside = false;
    }
    if (!inside) {
      throw new WardenError(
        "forbidden",
        `Refusing to write ${what} at ${JSON.stringify(dn)}: it is not below the connector's base DN ${this.config.baseDn}. Fix the connector settings (disabledOu, groupBaseDn) so every write stays below the base DN.`,
      );
    }
  }

  private inDisabledOu(dn: string): boolean {
    return this.config.disable.disabledOu
      ? isDnWithin(dn, this.config.disable.disabledOu, { strict: true })
      : false;
  }

  private accountSearchFilter(account: string | null): string {
    const attribute = this.config.accountAttribute;
    const which = account === null ? `(${attribute}=*)` : equalityFilter(attribute, account);
    return `(&${this.config.accountFilter}${which})`;
  }

  private requestedAttributes(): string[] {
    const names = new Set([
      this.config.accountAttribute,
      ...this.config.evidenceAttributes,
      "userAccountControl",
    ]);
    if (this.config.disable.lockAttribute) names.add(this.config.disable.lockAttribute);
    return [...names];
  }

  private async searchAccounts(client: Client, account: string | null): Promise<FoundEntry[]> {
    const found: FoundEntry[] = [];
    const paginator = client.searchPaginated(this.config.baseDn, {
      scope: "sub",
      filter: this.accountSearchFilter(account),
      attributes: this.requestedAttributes(),
      paged: { pageSize: this.config.pageSize },
      timeLimit: Math.ceil(this.config.timeoutMs / 1000),
    });
    for await (const page of paginator) {
      for (const entry of page.searchEntries) {
        const attributes = toAttributes(entry);
        const name = valuesOf(attributes, this.config.accountAttribute)[0];
        if (name === undefined) continue;
        found.push({ dn: entry.dn, account: name, attributes });
        if (found.length > this.config.maxAccounts) {
          throw new WardenError(
            "too_large",
            `More than ${this.config.maxAccounts} accounts match ${this.config.accountFilter} in ${this.system}; narrow the account filter or raise maxAccounts.`,
          );
        }
      }
    }
    return found;
  }

  private async findOne(client: Client, account: string): Promise<FoundEntry | null> {
    const matches = await this.searchAccounts(client, account);
    // The server matched case-insensitively; keep only entries whose attribute holds exactly this value,
    // folding case the way uid/sAMAccountName compare.
    const exact = matches.filter((entry) =>
      valuesOf(entry.attributes, this.config.accountAttribute).some(
        (v) => v.toLowerCase() === account.toLowerCase(),
      ),
    );
    if (exact.length > 1) {
      throw new WardenError(
        "conflict",
        `Account ${JSON.stringify(account)} is ambiguous in ${this.system}: ${exact.length} entries match (${exact.map((e) => e.dn).join("; ")}). Make the account attribute unique.`,
      );
    }
    const entry = exact[0];
    return entry
      ? { ...entry, account: valuesOf(entry.attributes, this.config.accountAttribute)[0] ?? account }
      : null;
  }

  /** Groups keyed by member (normalised DN, or lower-cased account for memberUid). */
  private async searchGroups(client: Client, only: FoundEntry | null): Promise<Map<string, string[]>> {
    const byMember = new Map<string, string[]>();
    const memberAttribute = this.config.groupMemberAttribute;
    const memberFilter =
      only === null
        ? ""
        : memberAttribute === "memberUid"
          ? equalityFilter(memberAttribute, only.account)
          : `(${memberAttribute}=${escapeFilterValue(only.dn)})`;
    const paginator = client.searchPaginated(this.groupBaseDn, {
      scope: "sub",
      filter: `(&${this.config.groupFilter}${memberFilter})`,
      attributes: [this.config.groupNameAttribute, memberAttribute],
      paged: { pageSize: this.config.pageSize },
      timeLimit: Math.ceil(this.config.timeoutMs / 1000),
    });
    for await (const page of paginator) {
      for (const group of page.searchEntries) {
        const attributes = toAttributes(group);
        const name = valuesOf(attributes, this.config.groupNameAttribute)[0] ?? group.dn;
        for (const member of valuesOf(attributes, memberAttribute)) {
          const key = this.memberKey(member);
          if (key === null) continue;
          const list = byMember.get(key);
          if (list) list.push(name);
          else byMember.set(key, [name]);
        }
      }
    }
    return byMember;
  }

  private async membershipsOf(client: Client, entry: FoundEntry): Promise<{ dn: string; name: string }[]> {
    const memberAttribute = this.config.groupMemberAttribute;
    const filter =
      memberAttribute === "memberUid"
        ? equalityFilter(memberAttribute, entry.account)
        : `(${memberAttribute}=${escapeFilterValue(entry.dn)})`;
    const result = await client.search(this.groupBaseDn, {
      scope: "sub",
      filter: `(&${this.config.groupFilter}${filter})`,
      attributes: [this.config.groupNameAttribute],
      paged: { pageSize: this.config.pageSize },
      timeLimit: Math.ceil(this.config.timeoutMs / 1000),
    });
    return result.searchEntries.map((group) => ({
      dn: group.dn,
      name: valuesOf(toAttributes(group), this.config.groupNameAttribute)[0] ?? group.dn,
    }));
  }

  private memberKey(member: string): string | null {
    if (this.config.groupMemberAttribute === "memberUid") return member.toLowerCase();
    try {
      return normalizeDn(member);
    } catch {
      return null;
    }
  }

  private toAccount(entry: FoundEntry, groups: Map<string, string[]>): DirectoryAccount {
    const dnKey = normalizeDn(entry.dn);
    const key = this.config.groupMemberAttribute === "memberUid" ? entry.account.toLowerCase() : dnKey;
    const memberOf = [...new Set(groups.get(key) ?? [])].sort();
    return {
      account: entry.account,
      dn: entry.dn,
      enabled: this.isEnabled(entry, dnKey, memberOf),
      groups: memberOf,
      attributes: entry.attributes,
    };
  }

  private isEnabled(entry: FoundEntry, dnKey: string, groups: string[]): boolean {
    // Normalised DNs hold no raw comma inside a value, so a suffix match on ",<ou>" is an RDN-boundary match.
    if (this.disabledOuKey !== null && dnKey.endsWith(`,${this.disabledOuKey}`)) return false;
    const { lockAttribute, lockValue } = this.config.disable;
    if (lockAttribute && lockValue && valuesOf(entry.attributes, lockAttribute).includes(lockValue)) {
      return false;
    }
    // Active Directory: bit 2 of userAccountControl is ACCOUNTDISABLE.
    const control = valuesOf(entry.attributes, "userAccountControl")[0];
    if (control !== undefined && (Number.parseInt(control, 10) & ACCOUNTDISABLE) === ACCOUNTDISABLE)
      return false;
    if (this.disableMethod === "remove-groups" && groups.length === 0) return false;
    return true;
  }

  /** One bound connection per operation; every ldapts failure leaves as a WardenError saying what to fix. */
  private async session<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const tlsOptions: ConnectionOptions = { minVersion: "TLSv1.2" };
    if (this.config.tls.caCertificate) tlsOptions.ca = [this.config.tls.caCertificate];
    const client = new Client({
      url: this.config.url,
      timeout: this.config.timeoutMs,
      connectTimeout: this.config.timeoutMs,
      // ldapts opens TLS from the first byte whenever tlsOptions is set, so only for ldaps:// URLs.
      ...(this.config.url.startsWith("ldaps:") ? { tlsOptions } : {}),
    });
    try {
      try {
        if (this.config.tls.startTls) {
          // ldapts upgrades the socket without a host, so Node would check the certificate against "localhost".
          const host = new URL(this.config.url).hostname.replace(/^\[(.*)\]$/, "$1");
          await client.startTLS({ ...tlsOptions, host, ...(isIP(host) ? {} : { servername: host }) });
        }
        await client.bind(this.config.bindDn, this.config.bindPassword);
      } catch (error) {
        throw this.translate(error, "bind");
      }
      try {
        return await work(client);
      } catch (error) {
        throw this.translate(error, "operation");
      }
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  private translate(error: unknown, stage: "bind" | "operation"): WardenError {
    if (error instanceof WardenError) return error;
    const where = `LDAP server ${this.config.url} (${this.system})`;
    if (error instanceof InvalidCredentialsError) {
      return new WardenError(
        "forbidden",
        `${where} refused the bind as ${this.config.bindDn}: invalid credentials. Check the connector's bind DN and password.`,
      );
    }
    if (error instanceof InsufficientAccessError) {
      return new WardenError(
        "forbidden",
        `${where} denied ${stage === "bind" ? "the bind" : "the operation"} to ${this.config.bindDn}: insufficient access. Grant the bind DN read access to accounts and groups and write access to the attributes the disable method changes.`,
      );
    }
    if (error instanceof NoSuchObjectError) {
      return new WardenError(
        "not_found",
        `${where}: an entry does not exist (${error.message}). Check baseDn, groupBaseDn and disabledOu in the connector settings.`,
      );
    }
    if (error instanceof InvalidDNSyntaxError || error instanceof AlreadyExistsError) {
      return new WardenError("conflict", `${where} rejected the change: ${error.message}`);
    }
    if (error instanceof ResultCodeError) {
      return new WardenError("unavailable", `${where} answered with an error: ${error.message}`);
    }
    const message = error instanceof Error ? error.message : String(error);
    const code = error && typeof error === "object" && "code" in error ? String(error.code) : "";
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(code)) {
      return new WardenError(
        "unavailable",
        `${where} presented a TLS certificate Warden does not trust (${code}). Set tls.caCertificate to the PEM of the CA that signed it, and make sure the URL's host is in the certificate.`,
      );
    }
    if (/timed? ?out/i.test(message) || code === "ETIMEDOUT") {
      return new WardenError(
        "timeout",
        `${where} did not answer within ${this.config.timeoutMs} ms. Check that it is reachable, or raise timeoutMs.`,
      );
    }
    return new WardenError(
      "unavailable",
      `Cannot reach ${where}${code ? ` (${code})` : ""}: ${message.split("\n")[0]}. Check the URL and that the server is running and reachable from Warden.`,
    );
  }
}

function toAttributes(entry: Entry): Record<string, string[]> {
  const attributes: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(entry)) {
    if (name === "dn") continue;
    const list = Array.isArray(value) ? value : [value];
    // ldapts lists requested attributes the entry lacks as empty arrays; they prove nothing.
    if (list.length === 0) continue;
    attributes[name] = list.map((one) => (Buffer.isBuffer(one) ? one.toString("base64") : String(one)));
  }
  return attributes;
}

/** Attribute names are case-insensitive in LDAP; servers may answer in another case than asked. */
function valuesOf(attributes: Record<string, string[]>, name: string): string[] {
  const direct = attributes[name];
  if (direct) return direct;
  const lower = name.toLowerCase();
  for (const [key, values] of Object.entries(attributes)) if (key.toLowerCase() === lower) return values;
  return [];
}

/** Active Directory disables through a flag in userAccountControl rather than a value of its own. */
function isAccountControl(attribute: string): boolean {
  return attribute.toLowerCase() === "useraccountcontrol";
}

const ACCOUNTDISABLE = 2;

/** userAccountControl with the ACCOUNTDISABLE flag set, every other flag kept. */
function accountControlDisabled(current: string[], account: string): string {
  const value = current.length === 1 ? Number.parseInt(current[0] ?? "", 10) : Number.NaN;
  if (!Number.isInteger(value) || value < 0) {
    throw new WardenError(
      "conflict",
      `Account ${JSON.stringify(account)} has no usable userAccountControl (${JSON.stringify(current)}); it cannot be disabled through it. Is this an Active Directory account?`,
    );
  }
  return String(value | ACCOUNTDISABLE);
}
