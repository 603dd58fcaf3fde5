import type { IncomingMessage } from 'node:http';

/** The whole body of a request the fake servers received. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The whole body of a request, as UTF-8 text. */
export async function readText(req: IncomingMessage): Promise<string> {
  return (await readBody(req)).toString('utf8');
}
