/**
 * A report document as a Word file (report.docx), the third rendering of the same content as
 * report.html and report.md: Word's own Title and Heading styles (so a board-paper author can
 * paste sections into a trust template and keep its look), lists as bullets, tables as Word
 * tables with a repeating header row, charts as PNG images with numbered captions.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Block, ReportDocument } from "./blocks.js";
import { CHART_HEIGHT, CHART_WIDTH } from "./charts/render.js";
import { stableZip } from "./stable-zip.js";

/** Charts fill the text width of an A4 page with 2 cm margins (about 17 cm). */
const CHART_WIDTH_PX = 640;
const FONT = "Arial";
const HEADER_SHADE = "F1F4F7";

function textParagraph(
  text: string,
  options: { bold?: boolean; italic?: boolean; size?: number } = {},
) {
  return new Paragraph({ children: [new TextRun({ text, ...options })] });
}

function tableOf(block: Extract<Block, { kind: "table" }>): Table {
  const { header, rows, numeric = [] } = block.table;
  const cell = (text: string, i: number, opts: { bold?: boolean; shade?: boolean }) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: opts.bold, size: 18 })],
        }),
      ],
      shading: opts.shade
        ? { type: ShadingType.CLEAR, color: "auto", fill: HEADER_SHADE }
        : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: "D0D0D0" };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) => cell(h, i, { bold: true, shade: true })),
      }),
      ...rows.map(
        (row, r) =>
          new TableRow({
            cantSplit: true,
            children: row.map((c, i) => cell(c, i, { bold: block.emphasise?.includes(r) })),
          }),
      ),
    ],
  });
}

function renderBlock(block: Block, figure: { n: number }): (Paragraph | Table)[] {
  switch (block.kind) {
    case "paragraph":
      return [textParagraph(block.text)];
    case "heading":
      return [new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_2 })];
    case "list":
      return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
    case "table":
      return [
        tableOf(block),
        ...(block.caption ? [textParagraph(block.caption, { italic: true, size: 18 })] : []),
      ];
    case "chart": {
      figure.n += 1;
      const { chart } = block;
      return [
        new Paragraph({
          keepNext: true,
          children: [
            new ImageRun({
              type: "png",
              data: chart.png,
              transformation: {
                width: CHART_WIDTH_PX,
                height: Math.round(
                  (CHART_WIDTH_PX * (chart.height ?? CHART_HEIGHT)) / (chart.width ?? CHART_WIDTH),
                ),
              },
              altText: { name: chart.name, title: chart.title, description: chart.caption },
            }),
          ],
        }),
        new Paragraph({
          children: [
            new TextRun({ text: `Figure ${figure.n}. ${chart.title}. `, bold: true, size: 18 }),
            new TextRun({ text: chart.caption, size: 18 }),
          ],
        }),
      ];
    }
  }
}

/** The report as a .docx file, its zip entries stamped with `at` (the run's time). */
export async function renderDocx(doc: ReportDocument, at?: string): Promise<Buffer> {
  const figure = { n: 0 };
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
    ...(doc.subtitle ? [textParagraph(doc.subtitle, { size: 24 })] : []),
    textParagraph(doc.provenance, { italic: true, size: 18 }),
    ...doc.sections.flatMap((section) => [
      new Paragraph({ text: section.title, heading: HeadingLevel.HEADING_1 }),
      ...section.blocks.flatMap((b) => renderBlock(b, figure)),
    ]),
  ];
  const document = new Document({
    creator: "bedsim",
    lastModifiedBy: "bedsim",
    title: doc.title,
    description: doc.provenance,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        children,
      },
    ],
  });
  return stableZip(await Packer.toBuffer(document), at, {
    // docx numbers drawings with a counter that runs on across documents in one process:
    // number them from 1 in each file, so a report does not depend on what was drawn before.
    "word/document.xml": (xml) => {
      let id = 0;
      return xml.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++id}"`);
    },
  });
}
