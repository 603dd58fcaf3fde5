/**
 * Free text from staff and patients, cleaned before it is parsed or stored: Unicode normalised,
 * invisible and direction-changing characters removed (they can hide text or reorder what staff see).
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

export function cleanText(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').trim();
}

/** One line of it, for patient references, outlets and ids. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ');
}
