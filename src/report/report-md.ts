/** A report document as Markdown (GitHub-flavoured), with charts as relative PNG links. */
import type { Table } from "./describe-scenario.js";
import type { Block, ReportDocument } from "./report-document.js";

/** Escapes characters Markdown would read as markup; underscores inside ids are left alone. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*[\]<])/g, "\\$1")
    .replace(/(?<!\w)_|_(?!\w)/g, "\\_")
    .replace(/^(#|>|-|\+|\d+\.)(?=\s)/, "\\$1");
}

function renderTable(table: Table, emphasise: number[] = []): string {
  const cell = (text: string) => escapeMarkdown(text).replaceAll("|", "\\|");
  const align = table.header.map((_, i) => (table.numeric?.[i] ? "---:" : "---"));
  const rows = table.rows.map((row, r) =>
    row.map((c) => (emphasise.includes(r) && c ? `**${cell(c)}**` : cell(c))),
  );
  return [table.header.map(cell), align, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

function renderBlock(block: Block, figure: { n: number }): string {
  switch (block.kind) {
    case "paragraph":
      return escapeMarkdown(block.text);
    case "heading":
      return `### ${escapeMarkdown(block.text)}`;
    case "list":
      return block.items.map((i) => `- ${escapeMarkdown(i)}`).join("\n");
    case "table":
      return `${renderTable(block.table, block.emphasise)}${block.caption ? `\n\n*${escapeMarkdown(block.caption)}*` : ""}`;
    case "chart": {
      figure.n += 1;
      const { chart } = block;
      return `![${escapeMarkdown(chart.title)}](charts/${chart.name}.png)\n\n*Figure ${figure.n}. ${escapeMarkdown(chart.title)}.* ${escapeMarkdown(chart.caption)} ([SVG](charts/${chart.name}.svg))`;
    }
  }
}

/** The report as Markdown; charts are referenced as charts/<name>.png beside report.md. */
export function renderMarkdown(doc: ReportDocument): string {
  const figure = { n: 0 };
  const parts = [
    `# ${escapeMarkdown(doc.title)}`,
    ...(doc.subtitle ? [`**${escapeMarkdown(doc.subtitle)}**`] : []),
    `*${escapeMarkdown(doc.provenance)}*`,
    ...doc.sections.flatMap((s) => [
      `## ${escapeMarkdown(s.title)}`,
      ...s.blocks.map((b) => renderBlock(b, figure)),
    ]),
  ];
  return `${parts.join("\n\n")}\n`;
}
