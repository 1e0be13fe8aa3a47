import { monthLabel } from "./labels.js";
import { INK } from "./palette.js";
import { axis } from "./render.js";

/**
 * A category x axis of months ("Apr 2025") for monthly series, labelled every April and
 * October (every April over long runs), with a darker grid line at each financial year's start.
 */
export function monthAxis(months: string[]) {
  const labels = months.map(monthLabel);
  const step = months.length > 84 ? 12 : 6;
  const isLabelled = (i: number) => {
    const month = Number(months[i]?.slice(5, 7));
    return (month - 4 + 12) % step === 0;
  };
  const isYearStart = (i: number) => months[i]?.slice(5, 7) === "04";
  return {
    labels,
    scale: axis("Month", {
      ticks: {
        autoSkip: false,
        maxRotation: 0,
        callback: (_value: unknown, index: number) => (isLabelled(index) ? labels[index] : ""),
      },
      grid: {
        color: (context: { index: number }) =>
          isYearStart(context.index)
            ? "#b5b5b5"
            : isLabelled(context.index)
              ? INK.grid
              : "transparent",
        lineWidth: (context: { index: number }) => (isYearStart(context.index) ? 2 : 1),
      },
    }),
  };
}
