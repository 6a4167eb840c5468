import { serveWorker } from "../run-in-worker.ts";
import { extractDocumentHere } from "./extract-text.ts";

// The thread in which extractText parses PDFs and DOCX files; terminated at a document's time budget.
serveWorker(extractDocumentHere);
