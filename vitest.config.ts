import { defineConfig } from "vitest/config";

// The CLI and statistical tests spawn processes and run replications; on a loaded or small CI
// machine they can take longer than vitest's 5-second default without anything being wrong.
export default defineConfig({ test: { testTimeout: 60_000 } });
