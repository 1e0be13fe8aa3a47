// The report's own chart specifications (src/report/charts/), drawn by Chart.js on the page's
// canvas. Each canvas is an image with the chart's title and caption as its text alternative.
import { CHART_HEIGHT, CHART_WIDTH, Chart } from "../../src/report/charts/chart-parts.js";
import type { ChartSpec } from "../../src/report/charts/render.js";

const drawn: Chart[] = [];

/** Replaces the charts in `container` with `specs`. */
export function drawCharts(container: HTMLElement, specs: (ChartSpec | undefined)[]): void {
  for (const chart of drawn.splice(0)) chart.destroy();
  container.replaceChildren();
  for (const spec of specs) {
    if (!spec) continue;
    const figure = document.createElement("figure");
    const canvas = document.createElement("canvas");
    canvas.width = CHART_WIDTH;
    canvas.height = CHART_HEIGHT;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", `${spec.title}. ${spec.caption}`);
    const caption = document.createElement("figcaption");
    caption.textContent = spec.caption;
    figure.append(canvas, caption);
    container.append(figure);
    const config = spec.config();
    const context = canvas.getContext("2d");
    if (!context) continue;
    drawn.push(new Chart(context, config));
    // Chart.js fixes the canvas at its drawing size; the page scales the drawing to fit.
    canvas.style.width = "100%";
    canvas.style.height = "auto";
  }
}
