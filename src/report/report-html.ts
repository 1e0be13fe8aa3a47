/**
 * A report document as one self-contained HTML file: charts inline as PNG data: URIs, CSS
 * inline, no scripts and no network; laid out to print on A4.
 */
import { CHART_HEIGHT, CHART_WIDTH } from "./charts/render.js";
import type { Block, ReportDocument } from "./report-document.js";

const CSS = `
@page { size: A4; margin: 16mm 15mm 18mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1040px; padding: 32px 24px 64px; color: #1a1a1a; background: #fff;
  font: 11pt/1.45 "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif; }
@media print { body { max-width: none; padding: 0; } }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 2mm; }
h2 { font-size: 15pt; margin: 9mm 0 3mm; padding-bottom: 1mm; border-bottom: 2px solid #0072B2;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid; }
p, li { margin: 0 0 2mm; }
ul { padding-left: 6mm; margin: 0 0 3mm; }
.subtitle { font-size: 12pt; color: #444; margin: 0 0 2mm; }
.provenance, .note { font-size: 9pt; color: #666; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; font-size: 9pt;
  break-inside: auto; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
th, td { border-bottom: 1px solid #d0d0d0; padding: 1.2mm 1.8mm; text-align: left;
  vertical-align: top; }
th { background: #f1f4f7; border-bottom: 2px solid #9aa7b4; font-weight: bold; }
td.number, th.number { text-align: right; white-space: nowrap; }
tr.emphasis td { font-weight: bold; }
td.hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt; word-break: break-all; }
figure { margin: 4mm 0 6mm; break-inside: avoid; page-break-inside: avoid; }
figure img { display: block; width: 100%; height: auto; border: 1px solid #e3e3e3; }
figcaption { font-size: 9.5pt; color: #333; margin-top: 1.5mm; }
`;

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

function renderBlock(block: Block, figure: { n: number }): string {
  switch (block.kind) {
    case "paragraph":
      return `<p>${escapeHtml(block.text)}</p>`;
    case "heading":
      return `<h3>${escapeHtml(block.text)}</h3>`;
    case "list":
      return `<ul>\n${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("\n")}\n</ul>`;
    case "table": {
      const { header, rows, numeric = [] } = block.table;
      const cls = (i: number, cell: string) =>
        numeric[i] ? ' class="number"' : /^[0-9a-f]{64}$/.test(cell) ? ' class="hash"' : "";
      const head = header.map((h, i) => `<th${cls(i, "")} scope="col">${escapeHtml(h)}</th>`);
      const body = rows.map((row, r) => {
        const emphasis = block.emphasise?.includes(r) ? ' class="emphasis"' : "";
        return `<tr${emphasis}>${row.map((c, i) => `<td${cls(i, c)}>${escapeHtml(c)}</td>`).join("")}</tr>`;
      });
      const caption = block.caption ? `\n<p class="note">${escapeHtml(block.caption)}</p>` : "";
      return `<table>\n<thead><tr>${head.join("")}</tr></thead>\n<tbody>\n${body.join("\n")}\n</tbody>\n</table>${caption}`;
    }
    case "chart": {
      figure.n += 1;
      const { chart } = block;
      const src = `data:image/png;base64,${chart.png.toString("base64")}`;
      return `<figure id="${escapeHtml(chart.name)}">
<img src="${src}" alt="${escapeHtml(chart.title)}" width="${chart.width ?? CHART_WIDTH}" height="${chart.height ?? CHART_HEIGHT}">
<figcaption><strong>Figure ${figure.n}. ${escapeHtml(chart.title)}.</strong> ${escapeHtml(chart.caption)}</figcaption>
</figure>`;
    }
  }
}

/** The report as a single HTML file. */
export function renderHtml(doc: ReportDocument): string {
  const figure = { n: 0 };
  const sections = doc.sections.map(
    (s) =>
      `<section>\n<h2>${escapeHtml(s.title)}</h2>\n${s.blocks.map((b) => renderBlock(b, figure)).join("\n")}\n</section>`,
  );
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(doc.provenance)}">
<title>${escapeHtml(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(doc.title)}</h1>
${doc.subtitle ? `<p class="subtitle">${escapeHtml(doc.subtitle)}</p>\n` : ""}<p class="provenance">${escapeHtml(doc.provenance)}</p>
</header>
<main>
${sections.join("\n")}
</main>
</body>
</html>
`;
}
