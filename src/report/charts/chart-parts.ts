/**
 * The Chart.js controllers, elements, scales and plugins bedsim's charts use, registered in
 * one place for both drawers: the report's (off-screen, render.ts) and the explorer page's.
 * Nothing here touches a canvas, so the page can load it.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  SubTitle,
  Title,
} from "chart.js";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  SubTitle,
  Title,
);

/** Every chart is drawn this size (pixels), in the report and in the page alike. */
export const CHART_WIDTH = 1600;
export const CHART_HEIGHT = 900;

export { Chart };
