/**
 * Record ids as staff type them: a letter and a number (`C-12`, `M-3`, `R-4`, `I-7`), also accepted
 * in lower case, without the dash, or as the bare number.
 */
export interface RecordIds {
  prefix: string;
  format(number: number): string;
  parse(text: string): number | undefined;
}

export function recordIds(prefix: string): RecordIds {
  const pattern = new RegExp(`^(?:${prefix}-?)?(\\d{1,9})$`, 'i');
  return {
    prefix,
    format: (number) => `${prefix}-${number}`,
    parse: (text) => {
      const match = pattern.exec(text.trim());
      return match ? Number(match[1]) : undefined;
    },
  };
}
