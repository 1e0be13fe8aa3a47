/**
 * Progress on stderr, only for a person watching a terminal and only once a run has taken
 * more than a couple of seconds; silent for --json and when output is piped.
 */
export function progressReporter(
  enabled: boolean,
  label = "replications",
): {
  update: (done: number, total: number) => void;
  finish: () => void;
} {
  const started = Date.now();
  let shown = false;
  let last = 0;
  const active = enabled && process.stderr.isTTY === true;
  return {
    update(done, total) {
      const now = Date.now();
      if (!active || now - started < 2000 || (now - last < 200 && done < total)) return;
      last = now;
      shown = true;
      const rate = done / ((now - started) / 1000);
      const remaining = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      process.stderr.write(`\r  ${done}/${total} ${label} · about ${remaining}s left   `);
    },
    finish() {
      if (shown) process.stderr.write("\r\x1b[K");
    },
  };
}
