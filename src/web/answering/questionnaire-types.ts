/** The questionnaire shapes the answer form and the review page read (as the API sends them). */
export interface QuestionOption {
  id: string;
  label: string;
}

export interface Question {
  id: string;
  text: string;
  help?: string;
  type: "yes-no" | "single-choice" | "multiple-choice" | "text" | "number" | "date" | "file";
  options?: QuestionOption[];
  required: boolean;
  weight: number;
  showIf?: { question: string; equals?: string; in?: string[]; notEquals?: string };
}

export interface Section {
  id: string;
  title: string;
  description?: string;
  questions: Question[];
}

export interface Definition {
  id: string;
  version: string;
  title: string;
  description?: string;
  sections: Section[];
}

export interface FileAnswer {
  name: string;
  sha256: string;
  size: number;
  mediaType?: string;
}

export type AnswerValue = string | number | string[] | FileAnswer[];
export type Answers = Record<string, AnswerValue>;

export interface Clarification {
  id: string;
  question: string;
  request: string;
  askedAt: string;
  response: string | null;
  respondedAt: string | null;
}

export interface RespondentView {
  id: string;
  title: string;
  vendorName: string;
  status: string;
  dueOn: string | null;
  linkExpiresAt: string | null;
  definition: Definition;
  answers: Answers;
  clarifications: Clarification[];
  submittedAt: string | null;
  /** Set when a colleague opened a section link: the one section shown and answered. */
  section: { id: string; title: string; handedOffBy: string } | null;
  /** The sections handed to colleagues (only for the main respondent). */
  handOffs: HandOff[];
}

export interface HandOff {
  id: string;
  section: string;
  recipient: string;
  expiresAt: string;
  state: "active" | "taken_back" | "submitted" | "expired";
  createdAt: string;
}
