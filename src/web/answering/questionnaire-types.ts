/**
 * The questionnaire shapes the answer form and the review page read (as the API sends them): the
 * engine's and the services' own types.
 */
export type {
  Answers,
  AnswerValue,
  FileAnswer,
  Question,
  Questionnaire as Definition,
  QuestionOption,
  Section,
} from "../../engines/questionnaire/questionnaire-schema.ts";
export type {
  ClarificationView as Clarification,
  HandOffView as HandOff,
  RespondentView,
} from "../../services/questionnaires/assignment-view.ts";
