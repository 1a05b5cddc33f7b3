import { HemicycleError, hemicycleLayout, type HemicycleLayout } from './hemicycle-layout.js';

export {
  HemicycleError,
  hemicycleLayout,
  MAX_HEMICYCLE_SEATS,
  type HemicycleLayout,
  type SeatPosition,
} from './hemicycle-layout.js';

/** One half-circle of the chart: a label and the seats each party holds. */
export interface HemicycleChart {
  label: string;
  /** Seats per party code; every chart in one render must sum to the same total. */
  seats: Readonly<Record<string, number>>;
}

/** Everything {@link renderHemicycle} draws. */
export interface HemicycleInput {
  title?: string;
  /** Drawn top to bottom; the legends of the second and later charts show the change from the first. */
  charts: readonly HemicycleChart[];
  /** Fill per party code; parties without one are drawn {@link UNKNOWN_COLOUR}. */
  colours: Readonly<Record<string, string>>;
  /** Display name per party code; the code itself is shown otherwise. */
  partyNames?: Readonly<Record<string, string>>;
  /** Seats needed for a majority; defaults to floor(total / 2) + 1. */
  majority?: number;
  /** Party order around the arc, left to right; unlisted parties follow, most seats first. */
  order?: readonly string[];
}

/** Neutral fill for parties the caller gave no colour. */
export const UNKNOWN_COLOUR = '#BBBBBB';

// Pixel geometry: outer row radius, margin, legend column width and line height.
const R = 240;
const MARGIN = 20;
const LEGEND_W = 290;
const LINE = 20;
// A thin grey outline on every seat and swatch keeps white ones (the Speaker) visible.
const OUTLINE = { stroke: '#888888', 'stroke-width': 0.6 };
const BOLD = { 'font-weight': 'bold' };

/** What one chart panel needs besides its own seats. */
interface Panel {
  input: HemicycleInput;
  parties: readonly string[];
  layout: HemicycleLayout;
  total: number;
  majority: number;
  height: number;
}

/**
 * Renders the charts as a standalone SVG document: one hemicycle per chart, stacked vertically, each
 * seat a `<circle class="seat" data-party=… fill=…>` inside `<g class="chart" data-label=…>`, a
 * dashed majority line through the middle, and a legend with seats (and the change from the first
 * chart). Pure and deterministic: the same input gives byte-identical output.
 *
 * @throws {HemicycleError} if there are no charts, a seat count is not a non-negative integer, or
 *   the charts' totals differ or lie outside 1 to {@link MAX_HEMICYCLE_SEATS}.
 */
export function renderHemicycle(input: HemicycleInput): string {
  const total = checkedTotal(input.charts);
  const majority = input.majority ?? Math.floor(total / 2) + 1;
  const parties = partyOrder(input);
  const layout = hemicycleLayout(total);
  const seatR = layout.seatRadius * R;
  // Room above the arc for the majority line, below it for the label and majority note.
  const arcHeight = seatR + 10 + R + seatR + 48;
  const height = Math.max(arcHeight, (parties.length + 1) * LINE + 10) + MARGIN;
  const panel: Panel = { input, parties, layout, total, majority, height };
  const titleH = input.title === undefined ? 0 : 40;
  const width = MARGIN + 2 * (seatR + R) + 30 + LEGEND_W + MARGIN;
  const fullHeight = titleH + MARGIN + height * input.charts.length;

  const name = (p: string) => own(input.partyNames, p) ?? p;
  const heading = input.title ?? input.charts.map((c) => c.label).join(' vs ');
  const summary = input.charts
    .map((c) => `${c.label}: ${parties.map((p) => `${name(p)} ${seatsOf(c.seats, p)}`).join(', ')}`)
    .join('; ');
  const svg = open('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    viewBox: `0 0 ${num(width)} ${num(fullHeight)}`,
    width,
    height: fullHeight,
    role: 'img',
    'aria-label': `${heading}. ${summary}. ${majority} seats for a majority of ${total}.`,
    'font-family': 'system-ui, Helvetica, Arial, sans-serif',
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    svg,
    `<title>${escapeXml(heading)}</title>`,
    el('rect', { width: '100%', height: '100%', fill: '#FFFFFF' }),
    ...(input.title === undefined ? [] : [caption(width / 2, 30, 22, input.title, BOLD)]),
    ...input.charts.flatMap((chart, k) => renderChart(panel, k, titleH + MARGIN + k * height)),
    '</svg>',
    '',
  ].join('\n');
}

/** The hemicycle, majority line and legend of chart `k`, whose panel starts at `y0`. */
function renderChart(panel: Panel, k: number, y0: number): string[] {
  const { input, parties, layout, total, majority } = panel;
  const chart = input.charts[k];
  const first = input.charts[0].seats;
  const colour = (p: string) => own(input.colours, p) ?? UNKNOWN_COLOUR;
  const seatR = layout.seatRadius * R;
  const innerR = layout.seats.reduce((m, s) => Math.min(m, s.radius), 1) * R;
  const cx = MARGIN + seatR + R;
  const top = y0 + seatR + 10;
  const by = top + R; // baseline through the hemicycle's centre
  const lx = cx + R + seatR + 30;

  const out = [open('g', { class: 'chart', 'data-label': chart.label })];
  out.push(open('g', { class: 'seats', ...OUTLINE }));
  let next = 0;
  for (const p of parties) {
    for (let i = 0; i < seatsOf(chart.seats, p); i += 1, next += 1) {
      const { x, y } = layout.seats[next];
      const attributes = { cx: cx + x * R, cy: by - y * R, r: seatR };
      out.push(el('circle', { class: 'seat', 'data-party': p, fill: colour(p), ...attributes }));
    }
  }
  out.push('</g>');
  out.push(
    el('line', {
      class: 'majority',
      x1: cx,
      y1: by - Math.max(innerR - seatR - 4, 0),
      x2: cx,
      y2: top - 8,
      stroke: '#333333',
      'stroke-width': 1.5,
      'stroke-dasharray': '5 4',
    }),
    caption(cx, by + seatR + 24, 18, chart.label, BOLD),
    caption(cx, by + seatR + 42, 12, `${majority} for a majority`, { class: 'majority-label' }),
    open('g', { class: 'legend', 'font-size': 13 }),
    el('text', { x: lx, y: top + 4, ...BOLD }, `${chart.label} · ${total} seats`),
  );
  parties.forEach((p, i) => {
    const y = top + (i + 1) * LINE + 4;
    const seats = seatsOf(chart.seats, p);
    const change = { class: 'change', x: lx + LEGEND_W, y, 'text-anchor': 'end' };
    out.push(
      open('g', { class: 'legend-item', 'data-party': p }) +
        el('rect', { x: lx, y: y - 11, width: 14, height: 14, fill: colour(p), ...OUTLINE }) +
        el('text', { x: lx + 22, y }, truncate(own(input.partyNames, p) ?? p)) +
        el('text', { class: 'count', x: lx + 235, y, 'text-anchor': 'end' }, String(seats)) +
        (k === 0 ? '' : el('text', change, signed(seats - seatsOf(first, p)))) +
        '</g>',
    );
  });
  out.push('</g>', '</g>');
  return out;
}

function checkedTotal(charts: readonly HemicycleChart[]): number {
  if (charts.length === 0) {
    throw new HemicycleError('renderHemicycle needs at least one chart');
  }
  const totals = charts.map((chart) =>
    Object.entries(chart.seats).reduce((acc, [party, seats]) => {
      if (!Number.isInteger(seats) || seats < 0) {
        throw new HemicycleError(`${chart.label}: ${party} has ${seats} seats`);
      }
      return acc + seats;
    }, 0),
  );
  if (totals.some((t) => t !== totals[0])) {
    throw new HemicycleError(
      `Every chart needs the same number of seats, got ${totals.join(', ')}`,
    );
  }
  return totals[0];
}

/** Caller's order first, then the rest by most seats across all charts, then by code. */
function partyOrder(input: HemicycleInput): string[] {
  const weight = new Map<string, number>();
  for (const chart of input.charts) {
    for (const [p, seats] of Object.entries(chart.seats)) {
      if (seats > 0) {
        weight.set(p, (weight.get(p) ?? 0) + seats);
      }
    }
  }
  const listed = [...new Set(input.order ?? [])].filter((p) => weight.has(p));
  const rest = [...weight.keys()]
    .filter((p) => !listed.includes(p))
    .sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  return [...listed, ...rest];
}

// Own properties only, so a party code such as "constructor" never reads Object.prototype.
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function seatsOf(seats: Readonly<Record<string, number>>, party: string): number {
  return own(seats, party) ?? 0;
}

// Two decimals keep the file small and the output stable; Number() drops trailing zeros and −0.
function num(v: number): string {
  return Number(v.toFixed(2)).toString();
}

function signed(d: number): string {
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '±0';
}

function truncate(s: string): string {
  const chars = Array.from(s);
  return chars.length > 28 ? `${chars.slice(0, 27).join('')}…` : s;
}

type Attributes = Readonly<Record<string, string | number>>;

// Every attribute goes through here, so every value is escaped and every number formatted alike.
function open(tag: string, attributes: Attributes): string {
  const list = Object.entries(attributes).map(
    ([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : escapeXml(v)}"`,
  );
  return `<${tag}${list.join('')}>`;
}

function caption(x: number, y: number, size: number, text: string, extra: Attributes): string {
  return el('text', { x, y, 'font-size': size, 'text-anchor': 'middle', ...extra }, text);
}

function el(tag: string, attributes: Attributes, text?: string): string {
  const start = open(tag, attributes);
  return text === undefined ? `${start.slice(0, -1)}/>` : `${start}${escapeXml(text)}</${tag}>`;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** XML-escapes text, dropping characters XML 1.0 cannot carry even escaped (controls, lone surrogates). */
export function escapeXml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
