import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { Attachment } from '../chat/reply.js';
import type { ChartData } from './data.js';
import { CHART_FONT, chartSvg } from './svg.js';

/**
 * SVG to PNG in-process with resvg (prebuilt binaries, no native build). The font ships as a
 * package (DejaVu Sans), and system fonts are not read, so a chart looks the same on every machine.
 */
const fontFile = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const boldFontFile = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [fontFile, boldFontFile], defaultFontFamily: CHART_FONT },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

/** A chart as a PNG attachment named `<name>.png`. */
export function chartPng(name: string, chart: ChartData): Attachment {
  return { name: `${name}.png`, mime: 'image/png', title: chart.title, bytes: svgToPng(chartSvg(chart)) };
}
