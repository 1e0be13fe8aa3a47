// Builds the explorer page into one self-contained HTML file (dist/explorer/index.html), which
// `bedsim explore` fills with a scenario's files. Everything is inlined, the worker too (as a
// Blob URL), because a page opened from file:// may load nothing else.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { viteSingleFile } from "vite-plugin-singlefile";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  root: here("."),
  base: "./",
  logLevel: "warn",
  plugins: [viteSingleFile({ removeViteModuleLoader: true })],
  resolve: {
    alias: [
      // The report's chart specifications import the Node canvas renderer beside them; the
      // page draws with the browser's own canvas, so the Node renderer is never called.
      { find: "@napi-rs/canvas", replacement: here("src/stubs/napi-canvas.ts") },
      // Distributions load special functions lazily with createRequire (Node only).
      { find: "node:module", replacement: here("src/stubs/node-module.ts") },
      // codemirror-json-schema renders hover help as Markdown with markdown-it and shiki; the
      // schema's help is plain text, so a small escaping renderer stands in (stubs/markdown.ts).
      { find: /^\.\.\/utils\/markdown(\.js)?$/, replacement: here("src/stubs/markdown.ts") },
    ],
  },
  worker: { format: "iife" },
  build: {
    outDir: here("../dist/explorer"),
    emptyOutDir: true,
    target: "es2022",
    // One file: nothing is split off, however large.
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    chunkSizeWarningLimit: 5000,
    reportCompressedSize: false,
    // A machine busy with other work makes plugins look slow; that is not worth a warning.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
