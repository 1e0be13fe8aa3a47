/**
 * Okabe–Ito colours (Okabe & Ito, "Color Universal Design", 2008): distinguishable with the
 * common forms of colour blindness and in greyscale print when paired with line styles.
 */
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** Series colours in the order they are handed out: strongest contrast on white first. */
export const SERIES_COLOURS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
  OKABE_ITO.black,
];

/** Neutral colours for text, grid lines and reference lines. */
export const INK = {
  text: "#1a1a1a",
  muted: "#555555",
  footer: "#808080",
  grid: "#e3e3e3",
  reference: "#444444",
} as const;

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length];
}

/** A hex colour "#rrggbb" with an alpha channel, as rgba(). */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
