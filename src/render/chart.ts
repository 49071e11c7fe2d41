import { createRequire } from "node:module";
import type { View } from "vega";
import type { TopLevelSpec } from "vega-lite";
import type { Locale } from "../domain/member.js";
import type { PartStanding, Summary } from "../domain/summary/types.js";
import type { Translate } from "../i18n.js";
import { unitLabel } from "../reference/labels.js";
import { chartFontFiles } from "./chart-font.js";
import { formatPeriod } from "./period-label.js";
import { encodePng } from "./png.js";

/** The font every chart is drawn in: DejaVu Sans covers every Vietnamese letter. */
export const CHART_FONT = "DejaVu Sans";

const require = createRequire(import.meta.url);

/** The TTF files of the chart font, loaded explicitly so no system font is ever needed. */
export const CHART_FONT_FILES: readonly string[] = [
  require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
];

const COLOURS = ["#4c78a8", "#54a24b", "#f58518", "#b279a2", "#e45756"];
/** Grey, apart from every measure's colour: "no head yet" is neither good nor bad reporting. */
const NO_HEAD_COLOUR = "#bab0ac";
const BAR = 12;
const WIDTH = 420;

/** One bar of the chart: a part's value for one measure, with its target when it has one. */
interface ChartRow {
  part: string;
  measure: string;
  value: number;
  /** The figure written beside the bar ("67%"); empty when the bar speaks for itself. */
  label: string;
  target?: number;
}

/** "67%", as the axis reads. */
function percentLabel(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function measureOf(part: PartStanding, status: string, t: Translate): string {
  return part.unit.kind === "hamlet"
    ? t(`summary:chart.criteria.${status}`, { defaultValue: status })
    : t(`summary:chart.share.${status}`, { defaultValue: status });
}

/**
 * The bars, part by part: the reporting rate of the hamlets expected to report; the hamlets
 * with no head using the assistant yet as a measure of their own (a hamlet with none gets a
 * grey bar, not a reporting rate of 0% that would read as "not reported"); then criteria.
 */
function rowsOf(
  summary: Summary,
  t: Translate,
): { rows: ChartRow[]; measures: string[]; noHead: string } {
  const rows: ChartRow[] = [];
  const reportingRate = t("summary:chart.reportingRate");
  const noHead = t("summary:chart.noHead");
  const measures = [reportingRate];
  if (summary.parts.some((part) => (part.noHead ?? 0) > 0)) measures.push(noHead);
  for (const part of summary.parts) {
    const name = unitLabel(t, part.unit);
    const without = part.noHead ?? 0;
    if (part.reporting.expected > 0 || without === 0) {
      const value = part.reporting.rate;
      rows.push({ part: name, measure: reportingRate, value, label: percentLabel(value) });
    }
    if (without > 0) {
      const share = part.hamlets ? without / part.hamlets : 1;
      const label = part.unit.kind === "hamlet" ? "" : percentLabel(share);
      rows.push({ part: name, measure: noHead, value: share, label });
    }
    for (const progress of part.progress) {
      const measure = measureOf(part, progress.status, t);
      if (!measures.includes(measure)) measures.push(measure);
      const value = Math.min(1, progress.of > 0 ? progress.meeting / progress.of : 0);
      rows.push({
        part: name,
        measure,
        value,
        label: percentLabel(value),
        target: progress.target,
      });
    }
  }
  return { rows, measures, noHead };
}

/** Each measure's colour, in legend order: the measures' colours, grey for "no head yet". */
function coloursOf(measures: readonly string[], noHead: string): string[] {
  let next = 0;
  return measures.map((measure) =>
    measure === noHead ? NO_HEAD_COLOUR : (COLOURS[next++ % COLOURS.length] ?? NO_HEAD_COLOUR),
  );
}

/**
 * The chart as a Vega-Lite spec: for each commune (or each hamlet of a commune) its reporting
 * rate, its hamlets with no head using the assistant yet (grey, a legend entry of its own)
 * and its progress towards NTM and model status as bars, with the targets marked.
 * Every text in it is localized; every text mark uses the chart font.
 */
export function chartSpec(summary: Summary, t: Translate, locale: Locale): TopLevelSpec {
  const { rows, measures, noHead } = rowsOf(summary, t);
  const parts = [...new Set(rows.map((row) => row.part))];
  const title = t("summary:title", {
    area: unitLabel(t, summary.area),
    period: formatPeriod(t, locale, summary.period),
  });
  const subtitle = rows.length > 0 ? t("summary:chart.targetNote") : t("summary:chart.empty");
  const percent: { type: "quantitative"; scale: { domain: number[] } } = {
    type: "quantitative",
    scale: { domain: [0, 1] },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: title, subtitle, anchor: "start" },
    width: WIDTH,
    height: Math.max(BAR * 4, parts.length * (measures.length * BAR + BAR)),
    background: "white",
    padding: 12,
    data: { values: rows },
    encoding: {
      y: { field: "part", type: "nominal", sort: parts, title: null },
      yOffset: { field: "measure", type: "nominal", sort: measures },
    },
    layer: [
      {
        mark: { type: "bar", height: BAR - 2 },
        encoding: {
          x: { field: "value", ...percent, axis: { format: "%", title: null, tickCount: 5 } },
          color: {
            field: "measure",
            type: "nominal",
            sort: measures,
            scale: { domain: measures, range: coloursOf(measures, noHead) },
            legend: { orient: "bottom", title: null, direction: "vertical", labelLimit: 0 },
          },
        },
      },
      {
        mark: { type: "text", align: "left", dx: 3, fontSize: 9 },
        encoding: {
          x: { field: "value", ...percent },
          text: { field: "label", type: "nominal" },
        },
      },
      {
        transform: [{ filter: "isValid(datum.target)" }],
        mark: { type: "tick", color: "#222", thickness: 2, height: BAR },
        encoding: { x: { field: "target", ...percent } },
      },
    ],
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFont: CHART_FONT, titleFont: CHART_FONT, labelLimit: 0, labelFontSize: 11 },
      legend: { labelFont: CHART_FONT, titleFont: CHART_FONT, labelFontSize: 11 },
      title: { font: CHART_FONT, subtitleFont: CHART_FONT, fontSize: 14, subtitleFontSize: 11 },
      text: { font: CHART_FONT },
    },
  };
}

/** The name the chart's rows go by in the compiled spec, given to each view apart. */
const ROWS = "rows";

/** How many chart views are kept (an area and period each, in a language). */
const VIEWS_KEPT = 16;

/** A chart's Vega view, and the last drawing on it: one drawing at a time per view. */
interface KeptView {
  view: Promise<View>;
  turn: Promise<unknown>;
}

/**
 * Vega views by chart shape: everything of the spec but its rows (title, parts, measures,
 * size). Compiling the Vega-Lite spec, parsing the Vega one and building the view's dataflow
 * took half of drawing a province's chart, and after a new report the chart differs only in
 * its rows: the same view is given the new rows and drawn again. Kept here rather than
 * passed in: it is the renderer's own working state, pure and bounded.
 */
const views = new Map<string, KeptView>();

/** The view of a chart's shape, built once while it is kept. */
function keptView(shape: TopLevelSpec): KeptView {
  const key = JSON.stringify(shape);
  let kept = views.get(key);
  if (!kept) {
    const view = Promise.all([import("vega"), import("vega-lite")]).then(
      ([{ parse, View }, { compile }]) =>
        new View(parse(compile(shape).spec), { renderer: "none" }),
    );
    kept = { view, turn: view };
    view.catch(() => views.delete(key));
  } else {
    views.delete(key);
  }
  views.set(key, kept);
  if (views.size > VIEWS_KEPT) {
    const oldest = views.keys().next().value as string;
    const leaving = views.get(oldest);
    views.delete(oldest);
    leaving?.turn
      .finally(() => leaving.view.then((view) => view.finalize()))
      .catch(() => undefined);
  }
  return kept;
}

/** The chart as SVG, laid out by Vega without a browser or a canvas. */
export async function renderChartSvg(
  summary: Summary,
  t: Translate,
  locale: Locale,
): Promise<string> {
  const { data, ...rest } = chartSpec(summary, t, locale);
  const rows = data && "values" in data ? data.values : [];
  // Vega is loaded on the first chart, not at start: it is a third of the bot's start-up CPU.
  const kept = keptView({ ...rest, data: { name: ROWS } } as TopLevelSpec);
  const drawing = kept.turn
    .catch(() => undefined)
    .then(async () => {
      const view = await kept.view;
      view.data(ROWS, rows as object[]);
      return view.toSVG();
    });
  kept.turn = drawing.catch(() => undefined);
  return drawing;
}

/** How much larger than its layout a chart is drawn, for sharp text on a phone. */
const ZOOM = 2;

/**
 * The longest side of a chart's PNG. Telegram shrinks a photo to 2560 px on its longest
 * side, so drawing a province's 100 communes twice as large (1080 × 5000 px) only cost
 * drawing and compressing pixels nobody would see: such a chart is drawn at this size.
 */
const LONGEST_SIDE = 2560;

/** The zoom an SVG of this size is drawn at: ZOOM, or less for a tall chart. */
function chartZoom(svg: string): number {
  const size = (name: string) =>
    Number(svg.match(new RegExp(`^<svg[^>]*\\s${name}="([\\d.]+)"`))?.[1]);
  const longest = Math.max(size("width"), size("height"));
  return Number.isFinite(longest) && longest * ZOOM > LONGEST_SIDE ? LONGEST_SIDE / longest : ZOOM;
}

/**
 * The chart as a PNG image, drawn by resvg with the bundled DejaVu Sans font only (its
 * Vietnamese subset first, see chart-font.ts), and compressed, on libuv's thread pool: the
 * bot goes on answering others while it draws.
 */
export async function renderChartPng(
  summary: Summary,
  t: Translate,
  locale: Locale,
): Promise<Buffer> {
  const svg = await renderChartSvg(summary, t, locale);
  const { renderAsync } = await import("@resvg/resvg-js");
  const image = await renderAsync(svg, {
    font: {
      fontFiles: [...(await chartFontFiles(CHART_FONT_FILES))],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT,
    },
    fitTo: { mode: "zoom", value: chartZoom(svg) },
    background: "white",
  });
  return encodePng(image);
}
