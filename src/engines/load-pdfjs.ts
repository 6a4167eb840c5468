export type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsModule: Promise<PdfJs> | undefined;

/**
 * Loads pdf.js once per process, for every engine that reads PDFs: the legacy
 * build for Node, minified (under tsx the full build with its source maps takes
 * seconds to load). The worker module is imported into this thread first, so
 * that pdf.js runs its parser in-process (no worker file lookup at run time).
 * Loading takes about a second; a worker process calls this at start so that
 * its first contract does not wait for it.
 */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= (async () => {
    // @ts-expect-error pdf.js ships no types for its worker module.
    const worker: unknown = await import("pdfjs-dist/legacy/build/pdf.worker.min.mjs");
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    // @ts-expect-error same module as pdf.mjs, minified; typed through PdfJs.
    return (await import("pdfjs-dist/legacy/build/pdf.min.mjs")) as PdfJs;
  })();
  // A failed load is not remembered, so a later call can try again.
  pdfjsModule.catch(() => {
    pdfjsModule = undefined;
  });
  return pdfjsModule;
}
