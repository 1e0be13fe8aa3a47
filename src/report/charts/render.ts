/**
 * Renders Chart.js charts off-screen on @napi-rs/canvas, as PNG and as SVG (text converted to
 * paths, so the SVG looks the same without our fonts). Every chart gets the same house style:
 * white background, large type for a board paper, Okabe–Ito colours, and a grey provenance
 * footer naming the bedsim version, scenario, seed, replications and run date.
 */
import { createCanvas, SvgExportFlag } from "@napi-rs/canvas";
import type {
  ChartConfiguration,
  ChartDataset,
  ChartType,
  LegendItem,
  Plugin,
  Scale,
} from "chart.js";
import { CHART_HEIGHT, CHART_WIDTH, Chart } from "./chart-parts.js";
import { INK, withAlpha } from "./palette.js";

declare module "chart.js" {
  interface ChartDatasetProperties<TType extends ChartType, TData> {
    /** 95% intervals drawn as whiskers, one per data point (null for none). */
    intervals?: (readonly [number, number] | null)[];
    /** The axis the intervals are measured on; defaults to the dataset's value axis. */
    intervalAxis?: "x" | "y";
    /** A mark across each bar at this value (the mean of a floating interval bar). */
    marks?: (number | null)[];
    /** Text drawn just beyond each bar or point (beyond its interval, if any). */
    valueLabels?: (string | null)[];
  }
}

// 16:9 at devicePixelRatio 1: sharp at A4 text width, and type large enough to read there.
export { CHART_HEIGHT, CHART_WIDTH };

export const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";
export const FONT_SIZE = {
  title: 34,
  subtitle: 23,
  axisTitle: 24,
  tick: 22,
  legend: 22,
  footer: 18,
} as const;

const FOOTER_HEIGHT = FONT_SIZE.footer + 22;

/** One chart as the report knows it: a file name, words for the report, and its config. */
export interface ChartSpec {
  /** File stem: the chart is written as charts/<name>.png and charts/<name>.svg. */
  name: string;
  /** Heading in the report (the chart carries the same title). */
  title: string;
  /** One or two sentences under the chart saying what it shows and how to read it. */
  caption: string;
  /** A fresh config each call: Chart.js keeps references to what it is given. */
  config: () => ChartConfiguration;
  /** Pixels, when the chart needs more than CHART_HEIGHT (a forest plot of many scenarios). */
  height?: number;
}

export interface RenderedChart {
  name: string;
  title: string;
  caption: string;
  png: Buffer;
  svg: string;
  /** Pixels; CHART_WIDTH × CHART_HEIGHT when absent. */
  width?: number;
  height?: number;
}

const background: Plugin = {
  id: "bedsimBackground",
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

function footerPlugin(text: string): Plugin {
  return {
    id: "bedsimFooter",
    afterDraw(chart) {
      const { ctx, height } = chart;
      ctx.save();
      ctx.font = `${FONT_SIZE.footer}px ${FONT_FAMILY}`;
      ctx.fillStyle = INK.footer;
      ctx.textAlign = "left";
      ctx.textBaseline = "bottom";
      ctx.fillText(text, 16, height - 10);
      ctx.restore();
    },
  };
}

/** The scale a dataset's values (and intervals) are measured on. */
function valueScale(chart: Chart, index: number): Scale | undefined {
  const meta = chart.getDatasetMeta(index);
  const wanted = chart.data.datasets[index].intervalAxis;
  if (wanted === "x") return meta.xScale;
  if (wanted === "y") return meta.yScale;
  return meta.vScale;
}

/** Draws each dataset's `intervals` as whiskers with caps, across its bars or points. */
const intervals: Plugin = {
  id: "bedsimIntervals",
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((dataset, d) => {
      const meta = chart.getDatasetMeta(d);
      if (!dataset.intervals || meta.hidden || !chart.isDatasetVisible(d)) return;
      const scale = valueScale(chart, d);
      if (!scale) return;
      const horizontal = scale.axis === "x";
      ctx.save();
      ctx.strokeStyle = INK.text;
      ctx.lineWidth = 3;
      ctx.setLineDash([]);
      meta.data.forEach((element, i) => {
        const interval = dataset.intervals?.[i];
        if (!interval?.every(Number.isFinite)) return;
        const { x, y } = element.getProps(["x", "y"], true) as { x: number; y: number };
        const size = (element as unknown as { width?: number; height?: number })[
          horizontal ? "height" : "width"
        ];
        const cap = Math.max(6, Math.min(14, (size ?? 24) / 4));
        const [a, b] = interval.map((v) => scale.getPixelForValue(v));
        ctx.beginPath();
        if (horizontal) {
          ctx.moveTo(a, y);
          ctx.lineTo(b, y);
          for (const end of [a, b]) {
            ctx.moveTo(end, y - cap);
            ctx.lineTo(end, y + cap);
          }
        } else {
          ctx.moveTo(x, a);
          ctx.lineTo(x, b);
          for (const end of [a, b]) {
            ctx.moveTo(x - cap, end);
            ctx.lineTo(x + cap, end);
          }
        }
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};

/** Draws each dataset's `marks` as a thick line across its bar. */
const marks: Plugin = {
  id: "bedsimMarks",
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((dataset, d) => {
      const meta = chart.getDatasetMeta(d);
      const scale = valueScale(chart, d);
      if (!dataset.marks || !scale || !chart.isDatasetVisible(d)) return;
      const horizontal = scale.axis === "x";
      ctx.save();
      ctx.strokeStyle = INK.text;
      ctx.lineWidth = 5;
      meta.data.forEach((element, i) => {
        const value = dataset.marks?.[i];
        if (value === null || value === undefined || !Number.isFinite(value)) return;
        const { x, y, width, height } = element.getProps(["x", "y", "width", "height"], true) as {
          x: number;
          y: number;
          width: number;
          height: number;
        };
        const at = scale.getPixelForValue(value);
        ctx.beginPath();
        if (horizontal) {
          ctx.moveTo(at, y - height / 2);
          ctx.lineTo(at, y + height / 2);
        } else {
          ctx.moveTo(x - width / 2, at);
          ctx.lineTo(x + width / 2, at);
        }
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};

/** Draws each dataset's `valueLabels` just beyond the bar end or the interval's far end. */
const valueLabels: Plugin = {
  id: "bedsimValueLabels",
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((dataset, d) => {
      const meta = chart.getDatasetMeta(d);
      if (!dataset.valueLabels || !chart.isDatasetVisible(d)) return;
      const scale = valueScale(chart, d);
      if (!scale) return;
      const horizontal = scale.axis === "x";
      ctx.save();
      ctx.font = `${FONT_SIZE.tick - 2}px ${FONT_FAMILY}`;
      ctx.fillStyle = INK.text;
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 6;
      ctx.lineJoin = "round";
      meta.data.forEach((element, i) => {
        const text = dataset.valueLabels?.[i];
        if (!text) return;
        const { x, y } = element.getProps(["x", "y"], true) as { x: number; y: number };
        const interval = dataset.intervals?.[i];
        const far = interval?.every(Number.isFinite)
          ? scale.getPixelForValue(Math.max(...interval))
          : horizontal
            ? x
            : y;
        ctx.textAlign = horizontal ? "left" : "center";
        ctx.textBaseline = horizontal ? "middle" : "bottom";
        // Clear of the point's marker, if it has one.
        const radius = Number((element.options as { radius?: number } | undefined)?.radius ?? 0);
        const [tx, ty] = horizontal
          ? [Math.max(far, x + radius) + 12, y]
          : [x, Math.min(far, y - radius) - 8];
        // A white halo keeps the text readable over grid and reference lines.
        ctx.strokeText(text, tx, ty);
        ctx.fillText(text, tx, ty);
      });
      ctx.restore();
    });
  },
};

/**
 * Chart.js's legend labels, with dashed and dotted lines drawn dashed: with point-style
 * legends Chart.js takes the dash from the point (never dashed), not from the line.
 */
function dashedLegendLabels(chart: Chart): LegendItem[] {
  const items = Chart.defaults.plugins.legend.labels.generateLabels(chart);
  for (const item of items) {
    const dataset =
      item.datasetIndex === undefined ? undefined : chart.data.datasets[item.datasetIndex];
    const { borderDash, showLine, type } = (dataset ?? {}) as {
      borderDash?: number[];
      showLine?: boolean;
      type?: string;
    };
    if (borderDash) item.lineDash = borderDash;
    // A line with markers on it is shown in the legend as a line, not as a stretched marker.
    const isLine = (type ?? (chart.config as { type?: string }).type) === "line";
    if (isLine && showLine !== false && item.pointStyle !== "rect") item.pointStyle = "line";
  }
  return items;
}

/** Options every chart shares: fixed size, no animation, house fonts, title, legend. */
export function baseOptions(
  title: string,
  subtitle?: string,
  legend: { display?: boolean; position?: "top" | "bottom" | "right"; markerWidth?: number } = {},
) {
  return {
    animation: false as const,
    responsive: false,
    maintainAspectRatio: false,
    devicePixelRatio: 1,
    font: { family: FONT_FAMILY, size: FONT_SIZE.tick },
    color: INK.text,
    layout: { padding: { top: 8, left: 16, right: 24, bottom: FOOTER_HEIGHT } },
    plugins: {
      title: {
        display: true,
        text: title,
        color: INK.text,
        font: { family: FONT_FAMILY, size: FONT_SIZE.title, weight: "bold" as const },
        padding: { top: 12, bottom: subtitle ? 4 : 16 },
      },
      subtitle: {
        display: Boolean(subtitle),
        text: subtitle ?? "",
        color: INK.muted,
        font: { family: FONT_FAMILY, size: FONT_SIZE.subtitle },
        padding: { bottom: 14 },
      },
      legend: {
        display: legend.display ?? true,
        position: legend.position ?? ("top" as const),
        labels: {
          color: INK.text,
          font: { family: FONT_FAMILY, size: FONT_SIZE.legend },
          usePointStyle: true,
          pointStyleWidth: legend.markerWidth ?? 44,
          padding: 22,
          // Helper datasets (the lower edge of a band) have no label and no legend entry.
          filter: (item: { text?: string }) => Boolean(item.text),
          generateLabels: dashedLegendLabels,
          // Dataset order, even where a dataset's drawing order is changed.
          sort: (a: LegendItem, b: LegendItem) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
        },
      },
      tooltip: { enabled: false },
    },
  };
}

/**
 * An afterBuildTicks hook that drops the last tick (or both end ticks): for panels stacked on
 * one another, and for axes stretched to leave room for labels, whose end ticks would clash.
 */
export function dropEndTicks(ends: "last" | "both" = "last") {
  return (scale: { ticks: unknown[] }): void => {
    scale.ticks = scale.ticks.slice(ends === "both" ? 1 : 0, -1);
  };
}

/** A scale's title, ticks and grid in the house style. */
export function axis(title: string, extra: Record<string, unknown> = {}) {
  const {
    ticks,
    title: titleExtra,
    grid,
    ...rest
  } = extra as {
    ticks?: Record<string, unknown>;
    title?: Record<string, unknown>;
    grid?: Record<string, unknown>;
  };
  return {
    title: {
      display: Boolean(title),
      text: title,
      color: INK.text,
      font: { family: FONT_FAMILY, size: FONT_SIZE.axisTitle },
      ...titleExtra,
    },
    ticks: { color: INK.text, font: { family: FONT_FAMILY, size: FONT_SIZE.tick }, ...ticks },
    grid: { color: INK.grid, ...grid },
    border: { color: INK.muted },
    ...rest,
  };
}

type LineDataset = ChartDataset<"line", (number | null)[]>;

/**
 * A shaded band between two series (P10–P90, or a 95% interval), as two line datasets: an
 * unlabelled lower edge and a labelled upper edge filled down to it.
 */
export function bandDatasets(
  label: string,
  lower: (number | null)[],
  upper: (number | null)[],
  colour: string,
  extra: Partial<LineDataset> = {},
): LineDataset[] {
  const edge = {
    borderWidth: 0,
    pointRadius: 0,
    pointHoverRadius: 0,
    pointStyle: "rect" as const,
    backgroundColor: withAlpha(colour, 0.22),
    borderColor: withAlpha(colour, 0.22),
    ...extra,
  };
  return [
    { ...edge, label: "", data: lower, fill: false },
    { ...edge, label, data: upper, fill: "-1" },
  ];
}

/** A solid series line. */
export function lineDataset(
  label: string,
  data: (number | null)[] | { x: number; y: number }[],
  colour: string,
  extra: Partial<LineDataset> = {},
): LineDataset {
  return {
    label,
    data: data as (number | null)[],
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 4,
    pointRadius: 0,
    pointStyle: "line",
    fill: false,
    ...extra,
  };
}

/** A dashed horizontal reference line (a recommended maximum, a target). */
export function referenceDataset(
  label: string,
  data: (number | null)[] | { x: number; y: number }[],
  extra: Partial<LineDataset> = {},
): LineDataset {
  return lineDataset(label, data, INK.reference, {
    borderWidth: 3,
    borderDash: [14, 9],
    ...extra,
  });
}

/** Draws the chart on a canvas and reads the result before Chart.js clears it on destroy. */
function drawOn<T>(
  canvas: { getContext(type: "2d"): unknown },
  spec: ChartSpec,
  footer: string,
  read: () => T,
): T {
  const config = spec.config();
  const chart = new Chart(canvas.getContext("2d") as CanvasRenderingContext2D, {
    ...config,
    plugins: [
      background,
      intervals,
      marks,
      valueLabels,
      footerPlugin(footer),
      ...(config.plugins ?? []),
    ],
  });
  try {
    return read();
  } finally {
    chart.destroy();
  }
}

/** Renders a chart to PNG and SVG with the provenance footer. */
export function renderChart(
  spec: ChartSpec,
  footer: string,
  width = CHART_WIDTH,
  height = spec.height ?? CHART_HEIGHT,
): RenderedChart {
  const raster = createCanvas(width, height);
  const png = drawOn(raster, spec, footer, () =>
    raster.encodeSync("png", {
      title: spec.title,
      description: footer,
      software: footer.split(" · ")[0],
      resolution: 200,
    }),
  );
  const vector = createCanvas(width, height, SvgExportFlag.ConvertTextToPaths);
  const svg = drawOn(vector, spec, footer, () => vector.getContent().toString("utf8"));
  return { name: spec.name, title: spec.title, caption: spec.caption, png, svg, width, height };
}
