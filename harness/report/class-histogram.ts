import { formatPercent, label, ui } from "../kernel/ui.ts";
import type { Lang } from "../kernel/text.ts";

// The drawing's own units (the viewBox): the page scales it to its width.
const WIDTH = 640;
const HEIGHT = 240;
const TOP = 24;
const BOTTOM = 28;
const SIDE = 8;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
const GAP = 0.2;

/** One bar as the template draws it: numbers we computed, and text in the reader's language. */
export interface HistogramBar {
  readonly count: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly middle: number;
  readonly countY: number;
  readonly axisLabel: string;
  readonly title: string;
}

export interface HistogramView {
  readonly width: number;
  readonly height: number;
  readonly baseline: number;
  readonly axisY: number;
  readonly bars: readonly HistogramBar[];
}

/**
 * The geometry of the score histogram, so the template only places what is computed here: bar heights
 * proportional to the count (the tallest bar fills the plot), a count above each bar, the bin below it,
 * and a <title> per bar that screen readers and tooltips read ("40–50 % — Students: 3").
 */
export function histogramView(counts: readonly number[], lang: Lang): HistogramView {
  const tallest = Math.max(1, ...counts);
  const slot = (WIDTH - 2 * SIDE) / counts.length;
  const width = round(slot * (1 - GAP));
  const bars = counts.map((count, bin) => {
    const height = round((count / tallest) * PLOT_HEIGHT);
    const x = round(SIDE + bin * slot + (slot - width) / 2);
    const low = (bin * 100) / counts.length;
    const high = ((bin + 1) * 100) / counts.length;
    return {
      count,
      x,
      y: round(TOP + PLOT_HEIGHT - height),
      width,
      height,
      middle: round(x + width / 2),
      countY: round(TOP + PLOT_HEIGHT - height - 6),
      axisLabel: `${low}–${high}`,
      title: `${low}–${formatPercent(high / 100, lang)} — ${label(ui(lang).students, lang)} ${count}`,
    };
  });
  return { width: WIDTH, height: HEIGHT, baseline: TOP + PLOT_HEIGHT, axisY: HEIGHT - 8, bars };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
