import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../commands/index.js';

/**
 * manifest.json is what an admin pastes into Slack's "Create app from manifest". It must offer every
 * command Tact registers, send everything to the one Bolt endpoint, and ask for the scopes the Slack
 * adapter uses. The schema below holds the limits Slack's manifest reference gives.
 */
const manifestUrl = new URL('../manifest.json', import.meta.url);
const raw: unknown = JSON.parse(readFileSync(manifestUrl, 'utf8'));

const https = z.url({ protocol: /^https$/ });
const Manifest = z.object({
  _metadata: z.object({ major_version: z.literal(1), minor_version: z.number().int() }).optional(),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().min(1).max(140),
    long_description: z.string().min(175).max(4000).optional(),
    background_color: z
      .string()
      .regex(/^#[0-9a-f]{6}$/i)
      .optional(),
  }),
  features: z.strictObject({
    app_home: z
      .strictObject({
        home_tab_enabled: z.boolean(),
        messages_tab_enabled: z.boolean().optional(),
        messages_tab_read_only_enabled: z.boolean().optional(),
      })
      .optional(),
    bot_user: z.strictObject({
      display_name: z.string().regex(/^[a-z0-9._-]{1,80}$/),
      always_online: z.boolean().optional(),
    }),
    shortcuts: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          type: z.enum(['global', 'message']),
          callback_id: z.string().min(1).max(255),
          description: z.string().min(1).max(150),
        }),
      )
      .max(10),
    slash_commands: z
      .array(
        z.strictObject({
          command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
          url: https,
          description: z.string().min(1).max(2000),
          usage_hint: z.string().max(1000).optional(),
          should_escape: z.boolean().optional(),
        }),
      )
      .max(50),
  }),
  oauth_config: z.strictObject({
    scopes: z.strictObject({ bot: z.array(z.string().regex(/^[a-z_]+(:[a-z_.]+)*$/)).max(255) }),
  }),
  settings: z.strictObject({
    event_subscriptions: z.strictObject({ request_url: https, bot_events: z.array(z.string().min(1)).max(100) }),
    interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: https }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

const manifest = Manifest.parse(raw);

/** Every string under a key ending in `url`, anywhere in the manifest. */
function urls(value: unknown, path = ''): { path: string; url: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => urls(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    /url$/i.test(key) && typeof v === 'string' ? [{ path: `${path}.${key}`, url: v }] : urls(v, `${path}.${key}`),
  );
}

/** The bot scope each subscribed event needs (Slack refuses the manifest otherwise); '' for none. */
const EVENT_SCOPES: Record<string, string> = {
  app_home_opened: '',
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  'message.im': 'im:history',
  'message.mpim': 'mpim:history',
  app_mention: 'app_mentions:read',
  reaction_added: 'reactions:read',
  reaction_removed: 'reactions:read',
};

describe('manifest.json', () => {
  const slashCommands = manifest.features.slash_commands.map((c) => c.command);
  const scopes = manifest.oauth_config.scopes.bot;

  it('offers every command Tact registers, once each', () => {
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(slashCommands).toContain(`/${command.name}`);
    expect(new Set(slashCommands).size).toBe(slashCommands.length);
    for (const name of ['/complaint', '/media', '/inquiry', '/tact']) expect(slashCommands).toContain(name);
  });

  it('describes each command with a usage hint', () => {
    for (const command of manifest.features.slash_commands) {
      expect(command.description.trim(), command.command).not.toBe('');
      expect(command.usage_hint?.trim(), command.command).toBeTruthy();
    }
  });

  it('sends commands, events and interactivity to /slack/events over https', () => {
    const found = urls(raw);
    // one per slash command, plus the event and interactivity request URLs
    expect(found).toHaveLength(manifest.features.slash_commands.length + 2);
    for (const { path, url } of found) {
      const parsed = new URL(url);
      expect(parsed.protocol, path).toBe('https:');
      expect(parsed.pathname, path).toBe('/slack/events');
      expect(parsed.search, path).toBe('');
    }
  });

  it('asks for the scopes the Slack adapter uses', () => {
    // commands: slash commands; chat:write: postMessage / postEphemeral; im:write: direct messages to managers
    for (const scope of ['commands', 'chat:write', 'im:write']) expect(scopes).toContain(scope);
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it('has the scope for every event it subscribes to', () => {
    const events = manifest.settings.event_subscriptions.bot_events;
    for (const event of ['message.channels', 'message.groups', 'app_mention', 'reaction_added'])
      expect(events).toContain(event);
    for (const event of events) {
      const scope = EVENT_SCOPES[event];
      expect(scope, `no known scope for ${event}`).toBeDefined();
      if (scope) expect(scopes, event).toContain(scope);
    }
  });

  it('has the Home tab and the event that opens it', () => {
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
  });

  it('offers the review-reply message shortcut and enables interactivity', () => {
    expect(manifest.features.shortcuts).toContainEqual(
      expect.objectContaining({ type: 'message', callback_id: 'draft_review_reply', name: 'Draft a review reply' }),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('runs over HTTP in one workspace, with long-lived tokens', () => {
    expect(manifest.settings).toMatchObject({
      socket_mode_enabled: false,
      org_deploy_enabled: false,
      token_rotation_enabled: false,
    });
  });
});
