import type { App, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { commands } from '../../../commands/index.js';
import type { Command, CommandContext, Outcome } from '../../chat/command.js';
import { dispatch, prepareForm } from '../../chat/dispatch.js';
import type { Reply } from '../../chat/reply.js';
import { ErrorCode, TactError, describeError, errorCodeOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Services } from '../../services.js';
import { readModal, renderModal, renderReply } from './render.js';

/**
 * Wires every command in commands/ to Bolt. Each listener acknowledges first (Slack wants an answer
 * within 3 seconds) and then does the work; replies go out through `deliver`, failures through
 * `reportFailure`, the one place that tells the user something went wrong.
 */
interface Origin {
  userId: string;
  channelId: string | undefined;
  respond?: RespondFn | undefined;
}

interface FormMetadata {
  channelId?: string;
}

export function registerSlack(app: App, services: Services, logger: Logger): void {
  const context = (userId: string, channelId: string | undefined, deliveryId: string): CommandContext => ({
    actor: { id: userId },
    place: { platform: 'slack', channelId },
    services,
    deliveryId,
  });

  async function sendPrivate(client: WebClient, origin: Origin, reply: Reply): Promise<void> {
    for (const message of renderReply(reply)) {
      if (origin.respond) {
        await origin.respond({ response_type: 'ephemeral', replace_original: false, ...message });
        continue;
      }
      try {
        if (!origin.channelId) throw new Error('no channel to answer in');
        await client.chat.postEphemeral({ channel: origin.channelId, user: origin.userId, ...message });
      } catch {
        // Not in that channel (or none known): a direct message still reaches only this person.
        await client.chat.postMessage({ channel: origin.userId, ...message, unfurl_links: false });
      }
    }
  }

  async function deliver(client: WebClient, origin: Origin, replies: readonly Reply[]): Promise<void> {
    const failures: unknown[] = [];
    for (const reply of replies) {
      try {
        if (reply.visibility === 'private') {
          await sendPrivate(client, origin, reply);
          continue;
        }
        const channel = reply.visibility === 'dm' ? reply.to : origin.channelId;
        if (!channel) throw new Error(`no destination for a ${reply.visibility} reply`);
        for (const message of renderReply(reply)) {
          await client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
        }
      } catch (error) {
        // One failed delivery (a manager's DM) must not stop the others, but it must be seen.
        failures.push(error);
      }
    }
    if (failures.length) {
      throw new TactError(ErrorCode.SlackDeliveryFailed, `Could not deliver ${failures.length} of ${replies.length} replies`, {
        cause: failures[0],
      });
    }
  }

  async function reportFailure(client: WebClient, origin: Origin, error: unknown, what: string): Promise<void> {
    const code = errorCodeOf(error);
    logger.error(`${what} failed`, { code, user: origin.userId, error: describeError(error) });
    const words =
      code === ErrorCode.SlackDeliveryFailed
        ? `Tact finished ${what}, but could not send every message (${code}). Check with your admin.`
        : `Tact could not finish ${what} (${code}). Anything not confirmed was not saved; please try again, and tell your admin if it keeps happening.`;
    try {
      await sendPrivate(client, origin, { visibility: 'private', summary: words, sections: [{ kind: 'text', text: words }] });
    } catch (sendError) {
      logger.error('could not report a failure to the user', { error: describeError(sendError) });
    }
  }

  async function show(client: WebClient, origin: Origin, outcome: Outcome, triggerId: string, command: Command): Promise<void> {
    switch (outcome.kind) {
      case 'replies':
        return deliver(client, origin, outcome.replies);
      case 'duplicate':
        logger.info('ignored a repeated delivery', { command: command.name });
        return;
      case 'form': {
        const metadata: FormMetadata = origin.channelId ? { channelId: origin.channelId } : {};
        await client.views.open({ trigger_id: triggerId, view: renderModal(outcome.form, JSON.stringify(metadata)) });
      }
    }
  }

  for (const command of commands) {
    app.command(`/${command.name}`, async ({ command: payload, ack, respond, client }) => {
      await ack();
      const origin: Origin = { userId: payload.user_id, channelId: payload.channel_id, respond };
      try {
        const ctx = context(payload.user_id, payload.channel_id, `trigger:${payload.trigger_id}`);
        const outcome = await dispatch(command, payload.text ?? '', ctx);
        await show(client, origin, outcome, payload.trigger_id, command);
      } catch (error) {
        await reportFailure(client, origin, error, `/${command.name}`);
      }
    });

    const form = command.form;
    if (!form) continue;
    app.view(form.spec.id, async ({ ack, body, view, client }) => {
      const metadata = parseMetadata(view.private_metadata);
      const origin: Origin = { userId: body.user.id, channelId: metadata.channelId };
      const ctx = context(body.user.id, metadata.channelId, `view:${view.id}`);
      const values = readModal(form.spec, view.state.values);
      const prepared = prepareForm(command, values, ctx);
      if (prepared.kind === 'invalid-form') {
        await ack({ response_action: 'errors', errors: prepared.errors });
        return;
      }
      await ack();
      try {
        await show(client, origin, await prepared.run(), 'trigger_id' in body ? body.trigger_id : '', command);
      } catch (error) {
        await reportFailure(client, origin, error, `the ${form.spec.title.toLowerCase()} form`);
      }
    });
  }

  app.error(async (error) => {
    logger.error('unhandled Slack error', { code: errorCodeOf(error), error: describeError(error) });
  });
}

function parseMetadata(text: string): FormMetadata {
  try {
    const parsed: unknown = JSON.parse(text || '{}');
    const channelId = typeof parsed === 'object' && parsed !== null ? (parsed as { channelId?: unknown }).channelId : undefined;
    return typeof channelId === 'string' ? { channelId } : {};
  } catch {
    return {};
  }
}
