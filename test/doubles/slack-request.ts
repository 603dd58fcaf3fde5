import { createHmac } from 'node:crypto';

/**
 * Builds, signs and posts the requests Slack sends to `/slack/events`: slash commands and
 * interactions (view_submission, block_actions), with Slack's v0 HMAC-SHA256 signature.
 */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>` keyed by the signing secret. */
export function slackSignature(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export interface SignOptions {
  /** seconds since the epoch; default now */
  timestamp?: number;
  /** replaces the computed signature (forgeries) */
  signature?: string;
}

export interface SlackResponse {
  status: number;
  /** raw response text */
  text: string;
  /** parsed JSON body, or undefined when the body is empty or not JSON */
  json: unknown;
}

export interface SlackTarget {
  /** e.g. http://127.0.0.1:40123 */
  baseUrl: string;
  signingSecret: string;
}

export function signedHeaders(signingSecret: string, body: string, options: SignOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? nowSeconds();
  return {
    'content-type': FORM_CONTENT_TYPE,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(signingSecret, timestamp, body),
  };
}

/** POSTs `body` with `headers` to `/slack/events` (giving up after 15 s) and reads the answer. */
async function postToEvents(
  target: SlackTarget,
  body: string,
  headers: Record<string, string>,
): Promise<SlackResponse> {
  const response = await fetch(`${target.baseUrl}/slack/events`, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** POSTs a form body, signed, to `/slack/events`. */
export async function postSigned(target: SlackTarget, body: string, options: SignOptions = {}): Promise<SlackResponse> {
  return postToEvents(target, body, signedHeaders(target.signingSecret, body, options));
}

export interface SlashCommand {
  command: string;
  text: string;
  user_id: string;
  channel_id?: string;
  team_id?: string;
  response_url: string;
  trigger_id?: string;
  token?: string;
  api_app_id?: string;
}

let triggers = 0;
/** A fresh trigger id shaped like Slack's. */
export function newTriggerId(): string {
  triggers += 1;
  return `${Date.now()}.${triggers}.${Math.random().toString(16).slice(2, 10)}`;
}

/** The exact form body Slack sends for a slash command. */
export function slashCommandBody(command: SlashCommand): string {
  return new URLSearchParams({
    token: command.token ?? 'verification-token-unused',
    team_id: command.team_id ?? 'T1',
    team_domain: 'tact-test',
    channel_id: command.channel_id ?? 'C0FRONTDESK',
    channel_name: 'front-desk',
    user_id: command.user_id,
    user_name: command.user_id.toLowerCase(),
    command: command.command,
    text: command.text,
    api_app_id: command.api_app_id ?? 'A1',
    response_url: command.response_url,
    trigger_id: command.trigger_id ?? newTriggerId(),
  }).toString();
}

export async function postSlashCommand(
  target: SlackTarget,
  command: SlashCommand,
  options: SignOptions = {},
): Promise<SlackResponse> {
  return postSigned(target, slashCommandBody(command), options);
}

/** Interactions arrive as one `payload` form field holding JSON. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export async function postInteraction(
  target: SlackTarget,
  payload: unknown,
  options: SignOptions = {},
): Promise<SlackResponse> {
  return postSigned(target, interactionBody(payload), options);
}

/** A modal as the app sent it to views.open (the parts a submission needs). */
export interface OpenedView {
  id?: string;
  callback_id?: string;
  private_metadata?: string;
  blocks?: Array<{ block_id?: string; type?: string; element?: { type?: string; action_id?: string } }>;
}

type StateValue = { type: string; value?: string | null; selected_option?: { value: string } | null };

/**
 * `view.state.values` for a submission: for each input block of the view, its element's value
 * (text inputs) or selected option (selects), left empty when `values` has nothing for it.
 */
export function stateValues(
  view: OpenedView,
  values: Record<string, string | undefined>,
): Record<string, Record<string, StateValue>> {
  const state: Record<string, Record<string, StateValue>> = {};
  for (const block of view.blocks ?? []) {
    if (block.type !== 'input' || !block.block_id || !block.element?.action_id) continue;
    const value = values[block.block_id];
    const type = block.element.type ?? 'plain_text_input';
    state[block.block_id] = {
      [block.element.action_id]:
        type === 'static_select'
          ? { type, selected_option: value === undefined ? null : { value } }
          : { type, value: value ?? null },
    };
  }
  return state;
}

export interface ViewSubmission {
  /** the view id Slack gives the opened modal; repeats of one submission share it */
  viewId: string;
  userId: string;
  view: OpenedView;
  values: Record<string, string | undefined>;
  teamId?: string;
}

export function viewSubmissionPayload(submission: ViewSubmission): Record<string, unknown> {
  const teamId = submission.teamId ?? 'T1';
  return {
    type: 'view_submission',
    team: { id: teamId, domain: 'tact-test' },
    user: {
      id: submission.userId,
      username: submission.userId.toLowerCase(),
      name: submission.userId.toLowerCase(),
      team_id: teamId,
    },
    api_app_id: 'A1',
    token: 'verification-token-unused',
    trigger_id: newTriggerId(),
    view: {
      id: submission.viewId,
      team_id: teamId,
      type: 'modal',
      callback_id: submission.view.callback_id ?? '',
      private_metadata: submission.view.private_metadata ?? '',
      blocks: submission.view.blocks ?? [],
      state: { values: stateValues(submission.view, submission.values) },
      hash: '1700000000.abcdef',
      title: { type: 'plain_text', text: 'Log a complaint' },
      app_id: 'A1',
      bot_id: 'BBOT',
      root_view_id: submission.viewId,
      previous_view_id: null,
      external_id: '',
      clear_on_close: false,
      notify_on_close: false,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export interface BlockAction {
  userId: string;
  actionId: string;
  value: string;
  channelId?: string;
  blockId?: string;
  responseUrl?: string;
  messageTs?: string;
}

export function blockActionsPayload(action: BlockAction): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: 'T1', domain: 'tact-test' },
    user: {
      id: action.userId,
      username: action.userId.toLowerCase(),
      name: action.userId.toLowerCase(),
      team_id: 'T1',
    },
    api_app_id: 'A1',
    token: 'verification-token-unused',
    trigger_id: newTriggerId(),
    container: {
      type: 'message',
      message_ts: action.messageTs ?? '1700000000.000100',
      channel_id: action.channelId ?? 'C0FRONTDESK',
      is_ephemeral: false,
    },
    channel: { id: action.channelId ?? 'C0FRONTDESK', name: 'front-desk' },
    message: { type: 'message', ts: action.messageTs ?? '1700000000.000100', text: '', blocks: [] },
    ...(action.responseUrl ? { response_url: action.responseUrl } : {}),
    actions: [
      {
        type: 'button',
        action_id: action.actionId,
        block_id: action.blockId ?? 'actions',
        value: action.value,
        text: { type: 'plain_text', text: action.value },
        action_ts: `${nowSeconds()}.000200`,
      },
    ],
    state: { values: {} },
  };
}

export interface MessageEvent {
  /** Slack's id for this delivery; a retry of one event repeats it */
  eventId: string;
  userId: string;
  channelId?: string;
  text: string;
  ts?: string;
  teamId?: string;
}

/** The Events API envelope Slack sends for a `message` event in a channel. */
export function messageEventPayload(event: MessageEvent): Record<string, unknown> {
  const ts = event.ts ?? `${nowSeconds()}.000300`;
  return eventCallbackPayload(
    event.eventId,
    {
      type: 'message',
      channel: event.channelId ?? 'C0FRONTDESK',
      channel_type: 'channel',
      user: event.userId,
      text: event.text,
      ts,
      event_ts: ts,
    },
    event.teamId ?? 'T1',
  );
}

/** POSTs an Events API payload as JSON, signed, to `/slack/events`. */
export async function postEvent(
  target: SlackTarget,
  payload: unknown,
  options: SignOptions = {},
): Promise<SlackResponse> {
  const body = JSON.stringify(payload);
  return postToEvents(target, body, {
    ...signedHeaders(target.signingSecret, body, options),
    'content-type': 'application/json',
  });
}

/**
 * The Events API envelope around any event (`message` with a subtype or a thread, `reaction_added`,
 * ...): the event is passed as Slack would send it, the envelope is filled in.
 */
export function eventCallbackPayload(
  eventId: string,
  event: Record<string, unknown>,
  teamId = 'T1',
): Record<string, unknown> {
  return {
    token: 'verification-token-unused',
    team_id: teamId,
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: nowSeconds(),
    authorizations: [{ team_id: teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event,
  };
}
