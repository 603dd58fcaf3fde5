import { PNG } from 'pngjs';
import { expect } from 'vitest';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes a PNG (signature, IHDR size) and counts its distinct colours: a blank picture has one. */
export function decodePng(bytes: Uint8Array): { width: number; height: number; colours: number } {
  const buffer = Buffer.from(bytes);
  expect(buffer.subarray(0, 8).equals(SIGNATURE)).toBe(true);
  expect(buffer.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  const png = PNG.sync.read(buffer);
  expect([png.width, png.height]).toEqual([width, height]);
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
  return { width, height, colours: colours.size };
}
