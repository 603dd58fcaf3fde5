import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { routeAndSay } from '../../../commands/inquiries/doctor.js';
import { announce } from '../../../commands/inquiries/inquiry.js';
import { asksForDoctor } from '../../inquiries/wants-doctor.js';
import { describeError } from '../../errors.js';
import { CHANNEL_WORDS, INQUIRY_LIMITS, PATIENT_CHANNELS } from '../../inquiries/model.js';
import type { Logger } from '../../log.js';
import { cleanText } from '../../privacy/text.js';
import type { Services } from '../../services.js';
import { sendJson, type Route } from './routes.js';

/**
 * `POST /intake/messages`: phone, email and social systems report a patient message.
 * 401 for a wrong token, 413 for a body over 64 KiB, 400 naming the bad fields; the same `id`
 * twice makes one inquiry. Message bodies are checked but never stored or posted.
 */
export const MAX_INTAKE_BYTES = 64 * 1024;

/** Text fields get the inbound clean-up that chat text gets, before their limits are checked. */
const cleaned = z.string().transform(cleanText);

const IntakeMessage = z.object({
  channel: cleaned.transform((value, ctx) => {
    const channel = PATIENT_CHANNELS.find((c) => c === value) ?? CHANNEL_WORDS[value.toLowerCase()];
    if (!channel) {
      ctx.addIssue({ code: 'custom', message: `one of ${PATIENT_CHANNELS.join(', ')}` });
      return z.NEVER;
    }
    return channel;
  }),
  from: cleaned.pipe(z.string().min(1).max(INQUIRY_LIMITS.from)),
  text: cleaned.pipe(z.string().max(INQUIRY_LIMITS.text)),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  patientRef: cleaned.pipe(z.string().min(1).max(INQUIRY_LIMITS.patientRef)).optional(),
  id: z.string().min(1).max(200).optional(),
  /** the patient asked for the provider (also recognised from the words of `text`) */
  wantsDoctor: z.boolean().optional(),
});

class TooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_INTAKE_BYTES) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_INTAKE_BYTES) throw new TooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function authorised(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function intakeRoute(token: string, services: Services, logger: Logger): Route {
  return {
    path: '/intake/messages',
    method: ['POST'],
    async handler(req, res) {
      if (!authorised(req, token)) return sendJson(res, 401, { ok: false, error: 'missing or wrong bearer token' });
      let body: string;
      try {
        body = await readBody(req);
      } catch (error) {
        if (error instanceof TooLarge) {
          res.setHeader('connection', 'close');
          return sendJson(res, 413, { ok: false, error: `the body is larger than ${MAX_INTAKE_BYTES} bytes` });
        }
        throw error;
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return sendJson(res, 400, { ok: false, error: 'the body is not JSON', fields: {} });
      }
      const parsed = IntakeMessage.safeParse(json);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? '(body)')] ??= issue.message;
        return sendJson(res, 400, { ok: false, error: `invalid fields: ${Object.keys(fields).join(', ')}`, fields });
      }
      const message = parsed.data;
      try {
        const created = await services.inquiries.create({
          channel: message.channel,
          contact: message.from,
          patientRef: message.patientRef,
          receivedAt: message.receivedAt ? new Date(message.receivedAt) : undefined,
          origin: 'intake',
          loggedBy: 'intake',
          externalId: message.id,
          message: message.text,
          wantsDoctor: message.wantsDoctor ? 'intake' : asksForDoctor(message.text) ? 'words' : undefined,
        });
        if (!('inquiry' in created)) {
          return sendJson(res, 200, {
            ok: true,
            duplicate: true,
            ...(created.duplicateOf ? { inquiry: `I-${created.duplicateOf}` } : {}),
          });
        }
        sendJson(res, 201, { ok: true, inquiry: created.inquiry.id });
        // Announcing is chat work: the sender has its answer already.
        void announce(created.inquiry, services)
          .catch((error: unknown) =>
            logger.error('could not post an intake notice', {
              inquiry: created.inquiry.id,
              error: describeError(error),
            }),
          )
          .then(() => (created.inquiry.wantsDoctor ? routeAndSay(created.inquiry, services) : undefined));
      } catch (error) {
        logger.error('intake failed', { error: describeError(error) });
        sendJson(res, 503, { ok: false, error: 'could not store the message; retry with the same id' });
      }
    },
  };
}
