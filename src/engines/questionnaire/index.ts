/**
 * Questionnaires (DD-2): definitions with sections, typed and conditional questions, weights and
 * expected answers; answer validation; explainable scoring; JSON and XLSX import and export; and
 * Warden's built-in IP-handling questionnaire.
 */

export {
  type BuiltInQuestionnaireId,
  listBuiltInQuestionnaires,
  loadBuiltInQuestionnaire,
} from "./built-in-questionnaires.ts";
export { exportQuestionnaireXlsx } from "./export-questionnaire-xlsx.ts";
export { type ImportProblem, importQuestionnaireXlsx } from "./import-questionnaire-xlsx.ts";
export { exportQuestionnaireJson, importQuestionnaireJson, MAX_IMPORT_BYTES } from "./questionnaire-json.ts";
export {
  type Answers,
  type AnswerValue,
  type Expected,
  type FileAnswer,
  type Grade,
  type Grades,
  type Question,
  type Questionnaire,
  type QuestionnaireInput,
  type QuestionOption,
  type QuestionType,
  questionnaireSchema,
  type Scoring,
  type Section,
  type ShowIf,
} from "./questionnaire-schema.ts";
export { resolveVisibility } from "./resolve-visibility.ts";
export {
  type ExcludedQuestion,
  type QuestionnaireScore,
  type ScoreOptions,
  type ScoreReason,
  type SectionScore,
  scoreQuestionnaire,
} from "./score-questionnaire.ts";
export {
  ANSWER_LIMITS,
  type AnswerError,
  type AnswerValidation,
  describeAnswerErrors,
  questionLabel,
  validateAnswers,
} from "./validate-answers.ts";
export {
  type DefinitionProblem,
  type DefinitionValidation,
  parseQuestionnaire,
  validateQuestionnaire,
} from "./validate-questionnaire.ts";
