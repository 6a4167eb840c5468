import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

// The SPA is served by the Warden process itself (dist/web), under a strict
// Content-Security-Policy: no inline scripts, so nothing may be inlined into index.html.
export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../../dist/web", import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    // `npx vite --config src/web/vite.config.ts` for UI work against a running `warden serve`.
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
