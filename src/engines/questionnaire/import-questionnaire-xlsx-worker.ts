import { serveWorker } from "../run-in-worker.ts";
import { importQuestionnaireXlsxHere } from "./import-questionnaire-xlsx.ts";

// The thread in which importQuestionnaireXlsx unpacks and parses workbooks; terminated at a
// workbook's time limit. exceljs is loaded while the thread warms up, not on the first workbook's time.
await serveWorker(importQuestionnaireXlsxHere, () => import("exceljs"));
