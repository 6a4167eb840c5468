import { GENESIS_HASH } from "../../domain/audit-chain.ts";
import { STAGE_LABELS } from "../../domain/stages.ts";
import { type ReportBlock, tableBlock } from "../../engines/reports/report-document.ts";
import { FRAMEWORK_IDS, FRAMEWORK_NAMES, frameworkSources } from "../../playbook/load-catalog.ts";
import { type AuditEntryView, listAuditEntries } from "../audit/list-audit-entries.ts";
import { requirePermission, type ServiceContext } from "../context.ts";
import { getContract } from "../contracts/get-contract.ts";
import { listContracts } from "../contracts/list-contracts.ts";
import { listDeliveryReports } from "../custody/delivery-report.ts";
import { listAttestations } from "../engagements/attest-control.ts";
import { getEngagement } from "../engagements/get-engagement.ts";
import { listMilestones } from "../milestones/list-milestones.ts";
import { listControls } from "../playbook/org-controls.ts";
import { listEvidence } from "../records/evidence.ts";
import { type GeneratedReport, recordReport, reportFilename } from "./record-report.ts";

/** Where the audit log's chain stood when a pack was generated. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * The engagement's audit pack as a PDF: the engagement, its vendor and stage; every control
 * of every stage with its status, reasons, evidence (names and sha256), framework references
 * and exception; the attestations, exceptions, gate history, contract findings, deliveries with
 * their verification verdicts; and the audit chain's head (seq and hash) with how to check the
 * pack against the log. Built from the services' own views, so each part is authorised as it
 * is on its page; the pack needs `audit.read` (security, admins, auditors), never a vendor's.
 * Its generation, with the PDF's sha256 and the head it names, is itself audit-logged.
 */
export async function engagementAuditPack(
  ctx: ServiceContext,
  engagementId: unknown,
): Promise<GeneratedReport & { auditHead: AuditHead }> {
  requirePermission(ctx, "audit.read", "generate an engagement's audit pack");
  const detail = await getEngagement(ctx, engagementId);
  const id = detail.engagement.id;
  const [catalog, evidence, attestations, contractList, milestones, deliveries, gateHistory, head] =
    await Promise.all([
      listControls(ctx),
      listEvidence(ctx, id),
      listAttestations(ctx, id),
      listContracts(ctx, { engagementId: id }),
      listMilestones(ctx, id),
      listDeliveryReports(ctx, id),
      stageAdvances(ctx, id),
      auditHead(ctx),
    ]);
  const contracts = await Promise.all(contractList.items.map((c) => getContract(ctx, c.id)));
  const { engagement, vendor, evaluation } = detail;
  const byControl = new Map(catalog.map((c) => [c.id, c]));
  const evidenceFor = (controlId: string) => evidence.filter((e) => e.controls.includes(controlId));
  const sources = frameworkSources();
  const assetName = new Map(detail.assets.map((a) => [a.id, a.name]));

  const blocks: ReportBlock[] = [
    { kind: "heading", text: "Engagement" },
    {
      kind: "fields",
      rows: [
        ["Engagement", `${engagement.name} (${engagement.id})`],
        ["Vendor", `${vendor.legalName} (${vendor.country})`],
        ["Stage", STAGE_LABELS[engagement.stage]],
        ["Stage since", engagement.stageChangedAt],
        ["Scope", engagement.scope || "—"],
        ["Offshore", engagement.offshore ? "yes" : "no"],
        ["Period", `${engagement.startDate ?? "not set"} to ${engagement.endDate ?? "not set"}`],
        [
          "Gate of this stage",
          evaluation.gate.open
            ? "open"
            : `held by ${evaluation.gate.blockers.map((b) => `${b.id} (${b.status.replace("_", " ")})`).join(", ")}`,
        ],
        ["Risk", `${evaluation.risk.level} (score ${evaluation.risk.score})`],
        [
          "Regressed since their gate",
          evaluation.regressions.map((r) => `${r.id} (${r.status})`).join(", ") || "none",
        ],
      ],
    },
    { kind: "heading", text: "Controls" },
    {
      kind: "paragraph",
      text: "Every control of every stage as evaluated when this pack was generated. Status: pass, fail, warn, na (not applicable, with the reason), attested, not checked (its checks have not run: never a pass), needs review (what it needed could not be read: never a pass).",
    },
    tableBlock(
      [
        ["Control", 0.1],
        ["Stage", 0.1],
        ["Status", 0.1],
        ["Reasons and exception", 0.38],
        ["Evidence", 0.14],
        ["Frameworks", 0.18],
      ],
      evaluation.results.map((r) => {
        const frameworks = byControl.get(r.id)?.frameworks ?? {};
        return [
          `${r.id}${r.blocking ? " (blocking)" : ""}`,
          STAGE_LABELS[r.stage],
          r.status.replace("_", " "),
          [
            r.title,
            ...r.reasons,
            ...(r.exception
              ? [
                  `Exception by ${r.exception.approvedBy} until ${r.exception.expiresOn}: ${r.exception.reason}`,
                ]
              : []),
          ].join("\n"),
          evidenceFor(r.id)
            .map((e) => e.title)
            .join("\n") || "—",
          FRAMEWORK_IDS.filter((f) => frameworks[f]?.length)
            .map((f) => `${FRAMEWORK_NAMES[f]}: ${frameworks[f]?.join(", ")}`)
            .join("\n") || "—",
        ];
      }),
      "No controls.",
    ),
    { kind: "heading", text: "Evidence" },
    tableBlock(
      [
        ["Evidence", 0.3],
        ["Controls", 0.14],
        ["File and sha256", 0.4],
        ["Uploaded", 0.16],
      ],
      evidence.map((e) => [
        e.title,
        e.controls.join(", ") || "—",
        e.sha256 ? `${e.filename ?? "file"}\nsha256 ${e.sha256}` : "no file",
        `${e.createdAt.slice(0, 10)} by ${e.uploadedBy}`,
      ]),
      "No evidence recorded.",
    ),
    { kind: "heading", text: "Attestations" },
    tableBlock(
      [
        ["Control", 0.1],
        ["Who", 0.2],
        ["When", 0.18],
        ["Statement", 0.4],
        ["Until", 0.12],
      ],
      attestations.map((a) => [a.controlId, a.attestedBy, a.attestedAt, a.statement, a.expiresOn ?? "—"]),
      "No attestations.",
    ),
    { kind: "heading", text: "Exceptions" },
    tableBlock(
      [
        ["Control", 0.1],
        ["Scope", 0.22],
        ["Approver", 0.2],
        ["Expires", 0.12],
        ["Reason", 0.36],
      ],
      detail.exceptions.map((x) => [
        x.controlId,
        x.assetId
          ? `asset ${assetName.get(x.assetId) ?? x.assetId}`
          : x.personId
            ? `person ${x.personId}`
            : "the whole control",
        x.approvedBy,
        x.expiresOn,
        x.reason,
      ]),
      "No exceptions in force.",
    ),
    { kind: "heading", text: "Gate history" },
    tableBlock(
      [
        ["When", 0.22],
        ["Who", 0.22],
        ["From → to", 0.26],
        ["Exceptions used", 0.18],
        ["Log seq", 0.12],
      ],
      gateHistory.map((e) => {
        const s = e.summary as { from?: string; to?: string; exceptionsUsed?: { control: string }[] };
        return [
          e.at,
          e.actor,
          `${s.from ?? "?"} → ${s.to ?? "?"}`,
          (s.exceptionsUsed ?? []).map((x) => x.control).join(", ") || "none",
          String(e.seq),
        ];
      }),
      "The engagement has not left its first stage.",
    ),
    { kind: "heading", text: "Contract findings" },
    ...(contracts.length === 0
      ? [{ kind: "paragraph", text: "No contract uploaded." } as const]
      : contracts.flatMap((c): ReportBlock[] => [
          {
            kind: "paragraph",
            text: `${c.title} (${c.kind}, ${c.filename}, sha256 ${c.sha256}): analysis ${c.status}${c.failureReason ? ` — ${c.failureReason}` : ""}.`,
          },
          tableBlock(
            [
              ["Control", 0.1],
              ["Status", 0.12],
              ["Reason", 0.5],
              ["Legal review", 0.28],
            ],
            c.checks.map((k) => [
              k.control,
              k.status,
              k.reason,
              k.review ? `${k.review.decision} by ${k.review.reviewedBy}: ${k.review.comment}` : "—",
            ]),
            "No checks recorded.",
          ),
        ])),
    { kind: "heading", text: "Deliveries and verification verdicts" },
    tableBlock(
      [
        ["Milestone", 0.22],
        ["State", 0.12],
        ["Delivery", 0.2],
        ["Verification", 0.3],
        ["Acceptance", 0.16],
      ],
      milestones.map((m) => {
        const runs = deliveries.filter((d) => d.milestoneId === m.id);
        const last = runs[0];
        return [
          `${m.title} (${m.amount} ${m.currency}${m.isFinal ? ", final" : ""})`,
          m.state,
          m.deliveryRef
            ? [
                m.deliveryRef.repositoryName ?? m.deliveryRef.repository,
                m.deliveryRef.ref,
                m.deliveryRef.note,
              ]
                .filter(Boolean)
                .join(" ")
            : "—",
          last
            ? `${last.verdict ?? last.status} ${last.commit ? `at ${last.commit.slice(0, 12)}` : ""} (${last.createdAt.slice(0, 10)})${last.reasons.length ? `: ${last.reasons.join(" ")}` : ""}${runs.length > 1 ? ` — ${runs.length} runs` : ""}`
            : "not verified",
          m.acceptance
            ? `${m.acceptance.kind}${m.acceptance.by ? ` by ${m.acceptance.by}` : ""}${m.acceptance.reason ? `: ${m.acceptance.reason}` : ""}`
            : "—",
        ];
      }),
      "No milestones.",
    ),
    { kind: "heading", text: "Audit chain" },
    {
      kind: "fields",
      rows: [
        ["Head seq", String(head.seq)],
        ["Head hash", head.hash],
      ],
    },
    {
      kind: "paragraph",
      text: `Every change in Warden appends an entry to a hash-chained audit log: each entry carries the sha256 of the one before it. This pack was generated when the log's last entry was number ${head.seq}, with the hash above; its own generation is the next entry, which records this PDF's sha256 and names the same head. To check the pack, run "warden audit verify" on the installation (or GET /api/audit/verify): it walks the whole chain and names the first edited, deleted or reordered entry. Then find the entry with action report.engagement-audit-pack for this engagement (warden's audit log, or its export): its sha256 must be the sha256 of this file, and the head it records must be number ${head.seq} with the hash above. A pack whose hash matches no entry, or a log that does not verify, is not evidence.`,
    },
    { kind: "heading", text: "Framework sources" },
    {
      kind: "fields",
      rows: FRAMEWORK_IDS.map(
        (f) =>
          [
            FRAMEWORK_NAMES[f],
            `${sources[f].title}. ${sources[f].edition}. ${sources[f].publisher}. ${sources[f].url}`,
          ] as const,
      ),
    },
  ];
  const report = await recordReport(
    ctx,
    {
      title: `Audit pack: ${engagement.name}`,
      subtitle: `${vendor.legalName} · ${STAGE_LABELS[engagement.stage]}`,
      blocks,
    },
    {
      kind: "engagement-audit-pack",
      target: { type: "engagement", id },
      filename: reportFilename("audit-pack", engagement.name, id),
      summary: { auditHead: head },
    },
  );
  return { ...report, auditHead: head };
}

/** Every stage advance of the engagement, oldest first, from the audit log. */
async function stageAdvances(ctx: ServiceContext, engagementId: string): Promise<AuditEntryView[]> {
  const entries: AuditEntryView[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await listAuditEntries(ctx, {
      targetType: "engagement",
      targetId: engagementId,
      action: "engagement.stage.advance",
      limit: 200,
      offset,
    });
    entries.push(...page.items);
    if (offset + page.items.length >= page.total || page.items.length === 0) break;
  }
  return entries.reverse();
}

/** The last entry of the audit log: the head of the chain. */
async function auditHead(ctx: ServiceContext): Promise<AuditHead> {
  const [last] = (await listAuditEntries(ctx, { limit: 1 })).items;
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}
