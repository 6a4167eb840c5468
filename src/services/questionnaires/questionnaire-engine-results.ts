import {
  type QuestionnaireScore,
  questionLabel,
  validateQuestionnaire,
} from "../../engines/questionnaire/index.ts";
import type { RecordRef } from "../../playbook/types.ts";
import type { EngineResultLoader, EngineResults } from "../playbook/engine-results.ts";
import { readQuestionnaireSettings } from "./questionnaire-settings.ts";

const MAIN_REASONS = 3;

/**
 * DD-2 from the questionnaires. The latest accepted questionnaire of the engagement decides: it
 * fails once its reassessment date has passed or when it has critical findings, passes at or above
 * the score threshold (settings, default 70) and warns below. The reasons carry the score and the
 * answers that cost the most points. No accepted questionnaire: no result ("not checked yet").
 */
export const loadQuestionnaireEngineResults: EngineResultLoader = async (db, engagementIds, now) => {
  const out: EngineResults = new Map();
  if (engagementIds.length === 0) return out;
  const [settings, rows] = await Promise.all([
    readQuestionnaireSettings(db),
    db
      .selectFrom("questionnaire_assignments as a")
      .innerJoin("questionnaire_templates as t", "t.id", "a.template_id")
      .select([
        "a.id",
        "a.engagement_id",
        "a.score",
        "a.score_value",
        "a.valid_until",
        "a.accepted_at",
        "a.accepted_by",
        "t.title",
        "t.definition",
      ])
      .where("a.engagement_id", "in", [...engagementIds])
      .where("a.status", "=", "accepted")
      .orderBy("a.accepted_at", "desc")
      .execute(),
  ]);
  const today = now.toISOString().slice(0, 10);
  for (const row of rows) {
    if (out.has(row.engagement_id)) continue;
    const score = row.score as QuestionnaireScore | null;
    const value = row.score_value;
    const records: RecordRef[] = [{ type: "questionnaire", id: row.id, label: row.title }];
    const accepted = `"${row.title}" accepted${row.accepted_at ? ` on ${new Date(row.accepted_at).toISOString().slice(0, 10)}` : ""}${row.accepted_by ? ` by ${row.accepted_by}` : ""}`;
    const scoreText =
      value === null
        ? "no scored answers"
        : `score ${formatScore(value)}/100 (threshold ${settings.passThreshold})`;
    // Reasons name questions as the vendor read them; a definition that no longer parses falls back to ids.
    const parsed = validateQuestionnaire(row.definition);
    const label = (id: string) => (parsed.ok ? questionLabel(parsed.questionnaire, id) : id);
    const main = (score?.reasons ?? [])
      .filter((r) => r.points < r.max)
      .sort((a, b) => b.max - b.points - (a.max - a.points))
      .slice(0, MAIN_REASONS)
      .map((r) => `${label(r.question)}: ${r.why} (${r.points}/${r.max} points).`);
    const critical = (score?.criticalFindings ?? []).map(
      (c) => `Knock-out answer to ${label(c.question)}: ${c.why}.`,
    );
    if (row.valid_until && row.valid_until < today) {
      out.set(row.engagement_id, {
        "DD-2": {
          status: "fail",
          reasons: [
            `The questionnaire ${accepted} expired on ${row.valid_until}: send it again for reassessment.`,
            `Last ${scoreText}.`,
          ],
          records,
        },
      });
      continue;
    }
    const until = row.valid_until ? `, valid until ${row.valid_until}` : "";
    if (critical.length > 0) {
      out.set(row.engagement_id, {
        "DD-2": {
          status: "fail",
          reasons: [
            `Questionnaire ${accepted}: ${scoreText}${until}, failed by a knock-out answer whatever its score.`,
            ...critical,
            ...main,
          ],
          records,
        },
      });
      continue;
    }
    const passes = value !== null && value >= settings.passThreshold;
    out.set(row.engagement_id, {
      "DD-2": {
        status: passes ? "pass" : "warn",
        reasons: [`Questionnaire ${accepted}: ${scoreText}${until}.`, ...main],
        records,
      },
    });
  }
  return out;
};

function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
