/** One figure of a benchmark, as printed and as written to `bench/results/latest.json`. */
export interface Figure {
  name: string;
  /** The median over the runs. */
  value: number;
  unit: string;
  /** The target, as text (e.g. "≥ 0.95", "≤ 300"); "" for a figure printed for comparison only. */
  target: string;
  /** Whether the median meets the target; null when there is no target. */
  met: boolean | null;
  min: number;
  max: number;
  runs: number;
}

/** A target a figure is held to. */
export type Target = { atLeast: number } | { atMost: number } | undefined;

/** The median, min and max of a figure's runs, held against its target. */
export function figure(name: string, unit: string, samples: number[], target?: Target): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  const value = quantile(sorted, 0.5);
  return {
    name,
    value: round(value),
    unit,
    target: target ? ("atLeast" in target ? `≥ ${target.atLeast}` : `≤ ${target.atMost}`) : "",
    met: target ? ("atLeast" in target ? value >= target.atLeast : value <= target.atMost) : null,
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    runs: samples.length,
  };
}

/** The q-quantile of sorted values (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
}

/** The figures as an aligned table: name, median, min–max, runs, target, met. */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${f.value} ${f.unit}`,
    f.runs > 1 ? `${f.min}–${f.max}` : "",
    String(f.runs),
    f.target,
    f.met === null ? "" : f.met ? "met" : "MISSED",
  ]);
  const header = ["figure", "median", "min–max", "runs", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}
