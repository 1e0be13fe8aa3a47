// Drives Debian's Firefox through WebDriver BiDi (which Firefox speaks itself; Playwright
// drives only its own patched Firefox builds), for test/explorer/firefox.test.ts. Run as
//   node --experimental-websocket test/explorer/firefox-driver.mjs <firefox> <page.html> <shot.png>
// It opens the page from file://, changes the beds of the first ward to 24, runs five
// replications and prints one JSON line: the lever's text, the results the page would export,
// the console errors and every request the page made.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [firefox, page, shot] = process.argv.slice(2);
const profile = mkdtempSync(path.join(tmpdir(), "bedsim-firefox-"));
// No updates, telemetry or other background fetching of the browser's own.
writeFileSync(
  path.join(profile, "user.js"),
  [
    'user_pref("app.update.enabled", false);',
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("toolkit.telemetry.enabled", false);',
    'user_pref("network.connectivity-service.enabled", false);',
  ].join("\n"),
);
const browser = spawn(
  firefox,
  ["--headless", "--no-remote", "-profile", profile, "--remote-debugging-port", "0", "about:blank"],
  { stdio: ["ignore", "ignore", "pipe"] },
);
const stop = (code) => {
  browser.kill();
  setTimeout(() => {
    rmSync(profile, { recursive: true, force: true });
    process.exit(code);
  }, 500);
};
setTimeout(() => {
  process.stderr.write("Firefox did not finish within 150 s\n");
  stop(3);
}, 150_000).unref();

const address = await new Promise((resolve, reject) => {
  let text = "";
  browser.stderr.on("data", (chunk) => {
    text += chunk;
    const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(text);
    if (match) resolve(match[1]);
  });
  browser.on("exit", (code) => reject(new Error(`Firefox stopped (${code}): ${text}`)));
});

const socket = new WebSocket(`${address}/session`);
await new Promise((resolve, reject) => {
  socket.onopen = resolve;
  socket.onerror = () => reject(new Error(`could not connect to ${address}`));
});
let next = 0;
const waiting = new Map();
const errors = [];
const requests = [];
socket.onmessage = (event) => {
  const message = JSON.parse(event.data);
  if (message.id !== undefined) {
    const { resolve, reject } = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.type === "error") reject(new Error(`${message.error}: ${message.message}`));
    else resolve(message.result);
  } else if (message.method === "log.entryAdded" && message.params.level === "error")
    errors.push(message.params.text);
  else if (message.method === "network.beforeRequestSent")
    requests.push(message.params.request.url);
};
const send = (method, params = {}) =>
  new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, { resolve, reject });
    socket.send(JSON.stringify({ id, method, params }));
  });

await send("session.new", { capabilities: {} });
await send("session.subscribe", { events: ["log.entryAdded", "network.beforeRequestSent"] });
const { contexts } = await send("browsingContext.getTree");
const context = contexts[0].context;
await send("browsingContext.setViewport", { context, viewport: { width: 1280, height: 900 } });
const started = performance.now();
await send("browsingContext.navigate", {
  context,
  url: pathToFileURL(page).href,
  wait: "complete",
});

/** Evaluates `expression` in the page; a promise is awaited. */
async function evaluate(expression) {
  const result = await send("script.evaluate", {
    expression,
    target: { context },
    awaitPromise: true,
  });
  if (result.type === "exception") throw new Error(result.exceptionDetails.text);
  return result.result.value;
}
async function until(expression, seconds) {
  for (let waited = 0; waited < seconds * 10; waited++) {
    if (await evaluate(expression)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${expression}`);
}

await until("document.body.dataset.state === 'ready'", 30);
const ready = performance.now() - started;
const lever = await evaluate("document.getElementById('capacity-oakwood_ward-today').textContent");
// Exports are saved through object URLs: keep the last one's Blob to read it back.
await evaluate(`(() => {
  const make = URL.createObjectURL;
  URL.createObjectURL = (blob) => { window.lastExport = blob; return make(blob); };
  const set = (id, value) => {
    const input = document.getElementById(id);
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  set("replications", "5");
  set("capacity-oakwood_ward", "24");
  document.getElementById("run").click();
})()`);
await until("document.body.dataset.state === 'done'", 120);
const results = await evaluate(
  "document.getElementById('export-json').click(), window.lastExport.text()",
);
const plan = await evaluate(
  "(document.getElementById('export-yaml').click(), window.lastExport.text())",
);
const parts = await evaluate("document.getElementById('part-views').textContent");
const picture = await send("browsingContext.captureScreenshot", { context });
writeFileSync(shot, Buffer.from(picture.data, "base64"));
process.stdout.write(
  `${JSON.stringify({ ready, lever, results: JSON.parse(results), plan, parts, errors, requests })}\n`,
);
socket.close();
stop(0);
