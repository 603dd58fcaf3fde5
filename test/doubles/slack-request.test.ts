import { createHmac } from 'node:crypto';
import { parse } from 'node:querystring';
import { describe, expect, it } from 'vitest';
import {
  FORM_CONTENT_TYPE,
  interactionBody,
  signedHeaders,
  slackSignature,
  slashCommandBody,
  stateValues,
  viewSubmissionPayload,
} from './slack-request.js';

// Slack's published example (https://api.slack.com/authentication/verifying-requests-from-slack).
const VECTOR = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
    '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
    '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
    '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  expected: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

describe('slackSignature', () => {
  it("matches Slack's published vector", () => {
    expect(slackSignature(VECTOR.secret, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.expected);
    expect(slackSignature(VECTOR.secret, String(VECTOR.timestamp), VECTOR.body)).toBe(VECTOR.expected);
  });

  it('changes with the secret, the timestamp and the body', () => {
    expect(slackSignature('another-secret', VECTOR.timestamp, VECTOR.body)).not.toBe(VECTOR.expected);
    expect(slackSignature(VECTOR.secret, VECTOR.timestamp + 1, VECTOR.body)).not.toBe(VECTOR.expected);
    expect(slackSignature(VECTOR.secret, VECTOR.timestamp, VECTOR.body + 'x')).not.toBe(VECTOR.expected);
  });

  it('signs headers with the exact form content type Bolt wants', () => {
    const headers = signedHeaders(VECTOR.secret, VECTOR.body, { timestamp: VECTOR.timestamp });
    expect(headers).toEqual({
      'content-type': FORM_CONTENT_TYPE,
      'x-slack-request-timestamp': String(VECTOR.timestamp),
      'x-slack-signature': VECTOR.expected,
    });
    expect(FORM_CONTENT_TYPE).toBe('application/x-www-form-urlencoded');
  });
});

describe('request bodies', () => {
  it('a slash command carries every field Slack sends, and the signature covers the encoded body', () => {
    const body = slashCommandBody({
      command: '/complaint',
      text: 'P-1 billing: charged twice & more',
      user_id: 'U1',
      channel_id: 'C1',
      response_url: 'http://127.0.0.1:1/response/x',
      trigger_id: 'T.1',
    });
    const fields = parse(body);
    expect(fields).toMatchObject({
      token: expect.any(String),
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      command: '/complaint',
      text: 'P-1 billing: charged twice & more',
      response_url: 'http://127.0.0.1:1/response/x',
      trigger_id: 'T.1',
      api_app_id: 'A1',
    });
    const manual = `v0=${createHmac('sha256', 's').update(`v0:5:${body}`).digest('hex')}`;
    expect(slackSignature('s', 5, body)).toBe(manual);
  });

  it('an interaction is one payload field holding JSON', () => {
    const payload = { type: 'block_actions', actions: [{ action_id: 'a', value: 'x&y=z' }] };
    const fields = parse(interactionBody(payload));
    expect(Object.keys(fields)).toEqual(['payload']);
    expect(JSON.parse(String(fields['payload']))).toEqual(payload);
  });

  it('state values follow the opened view: text inputs hold value, selects hold selected_option', () => {
    const view = {
      callback_id: 'complaint',
      blocks: [
        { type: 'input', block_id: 'patientRef', element: { type: 'plain_text_input', action_id: 'value' } },
        { type: 'input', block_id: 'category', element: { type: 'static_select', action_id: 'value' } },
        { type: 'input', block_id: 'wants', element: { type: 'static_select', action_id: 'value' } },
      ],
    };
    expect(stateValues(view, { patientRef: 'P-1', category: 'billing' })).toEqual({
      patientRef: { value: { type: 'plain_text_input', value: 'P-1' } },
      category: { value: { type: 'static_select', selected_option: { value: 'billing' } } },
      wants: { value: { type: 'static_select', selected_option: null } },
    });
    const payload = viewSubmissionPayload({ viewId: 'V1', userId: 'U1', view, values: {} });
    expect(payload).toMatchObject({
      type: 'view_submission',
      view: { id: 'V1', callback_id: 'complaint' },
      user: { id: 'U1' },
    });
  });
});
