import type { ChartData, ChartPanel } from './data.js';

/**
 * A chart as SVG, drawn here from the data (horizontal grouped bars, one panel under another):
 * no chart library, so nothing but Tact's words and numbers is in it.
 */
export const CHART_WIDTH = 900;
export const CHART_FONT = 'DejaVu Sans';

const COLOURS = ['#2f6f9f', '#b0bec9', '#d08c2e', '#6a9f58'];
const LABEL_WIDTH = 230;
const BAR_HEIGHT = 16;
const ROW_GAP = 10;
const PAD = 24;

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function text(x: number, y: number, value: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" ${attrs}>${xmlEscape(value)}</text>`;
}

function panelHeight(panel: ChartPanel): number {
  const rows = Math.max(panel.rows.length, 1);
  return 56 + rows * (panel.series.length * BAR_HEIGHT + ROW_GAP);
}

function drawPanel(panel: ChartPanel, top: number): string[] {
  const out: string[] = [text(PAD, top + 18, panel.title, 'font-size="16" font-weight="bold" fill="#222"')];
  // The legend: one swatch per series.
  let legendX = PAD;
  panel.series.forEach((name, i) => {
    out.push(`<rect x="${legendX}" y="${top + 28}" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/>`);
    out.push(text(legendX + 18, top + 39, name, 'font-size="12" fill="#444"'));
    legendX += 30 + name.length * 7;
  });
  const barLeft = PAD + LABEL_WIDTH;
  const barSpace = CHART_WIDTH - barLeft - 170;
  const max = Math.max(panel.max ?? 0, ...panel.rows.flatMap((r) => r.values), 1);
  let y = top + 52;
  if (panel.rows.length === 0) out.push(text(barLeft, y + 14, 'nothing in this period', 'font-size="13" fill="#666"'));
  for (const row of panel.rows) {
    const rowHeight = panel.series.length * BAR_HEIGHT;
    out.push(text(barLeft - 10, y + rowHeight / 2 + 5, row.label, 'font-size="13" fill="#222" text-anchor="end"'));
    row.values.forEach((value, i) => {
      const width = Math.round((value / max) * barSpace);
      const barY = y + i * BAR_HEIGHT;
      out.push(
        `<rect x="${barLeft}" y="${barY + 1}" width="${width}" height="${BAR_HEIGHT - 2}" fill="${COLOURS[i % COLOURS.length]}"/>`,
      );
      out.push(text(barLeft + width + 6, barY + 13, `${value}${panel.unit ?? ''}`, 'font-size="12" fill="#333"'));
    });
    if (row.note) {
      const widest = Math.max(...row.values.map((v) => Math.round((v / max) * barSpace)));
      out.push(text(barLeft + widest + 60, y + 13, row.note, 'font-size="12" fill="#666"'));
    }
    y += rowHeight + ROW_GAP;
  }
  return out;
}

export function chartSvg(chart: ChartData): string {
  const parts: string[] = [];
  let top = 76;
  for (const panel of chart.panels) {
    parts.push(...drawPanel(panel, top));
    top += panelHeight(panel) + 12;
  }
  const height = top + PAD;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="${CHART_FONT}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    text(PAD, 34, chart.title, 'font-size="22" font-weight="bold" fill="#111"'),
    text(PAD, 58, chart.subtitle, 'font-size="14" fill="#555"'),
    ...parts,
    '</svg>',
  ].join('\n');
}
