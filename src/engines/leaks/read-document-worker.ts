import { loadPdfJs } from "../load-pdfjs.ts";
import { serveWorker } from "../run-in-worker.ts";
import { readDocumentHere } from "./read-document.ts";

// The thread in which readDocument reads PDFs and DOCX files; terminated past its limits.
await serveWorker(readDocumentHere, loadPdfJs);
