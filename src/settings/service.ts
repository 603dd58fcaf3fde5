import { z } from 'zod';
import { readChatId, type ChatId, type ChatPlatform } from '../chat/ids.js';
import type { Clock } from '../clock.js';
import type { Collection } from '../storage.js';
import { readRecord } from '../storage.js';
import { readSettings, settingDefinition, storedText, type Settings } from './definitions.js';

const Overrides = z.record(z.string(), z.string());
const OVERRIDES_KEY = 'overrides';

export type SetSettingResult =
  | { ok: true; settings: Settings }
  | { ok: false; problem: 'unknown-setting' | 'invalid-value'; expected?: string; suggestion?: string | undefined };

/**
 * The clinic's effective settings: environment values, overridden by what managers stored in chat.
 * Kept in memory after start-up; every change is written before it takes effect.
 */
export class SettingsService {
  private overrides: Record<string, string> = {};
  private readonly listeners: Array<() => void> = [];
  private effective: Settings;

  constructor(
    private readonly environment: Readonly<Record<string, string | undefined>>,
    private readonly collection: Collection,
    private readonly clock: Clock,
    /** the chat platforms configured: they say whose a bare id is (src/chat/ids.ts) */
    private readonly platforms: readonly ChatPlatform[] = [],
  ) {
    this.effective = readSettings(environment, platforms).settings;
  }

  async load(): Promise<void> {
    this.apply((await readRecord(this.collection, OVERRIDES_KEY, Overrides)) ?? {});
  }

  /**
   * Picks up what a manager changed through another instance on the same store (main.ts polls this
   * every second); listeners hear only a real change.
   */
  async refresh(): Promise<void> {
    const stored = (await readRecord(this.collection, OVERRIDES_KEY, Overrides)) ?? {};
    if (JSON.stringify(stored) !== JSON.stringify(this.overrides)) this.apply(stored);
  }

  /** Called after every change (things derived from settings refresh themselves). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private apply(overrides: Record<string, string>): Settings {
    this.overrides = overrides;
    this.effective = readSettings({ ...this.environment, ...overrides }, this.platforms).settings;
    for (const listener of this.listeners) listener();
    return this.effective;
  }

  current(): Settings {
    return this.effective;
  }

  /** names of settings whose stored value overrides the environment */
  overridden(): string[] {
    return Object.keys(this.overrides);
  }

  /**
   * Managers may be listed by user id or, on Discord, by a role id they hold. Ids are compared
   * qualified: a bare one given here is read by the same rule as the settings.
   */
  isManager(userId: string, roles: readonly string[] = []): boolean {
    const managers: readonly string[] = this.effective.managers;
    return [userId, ...roles].some((id) => id.trim() !== '' && managers.includes(readChatId(id, this.platforms)));
  }

  /** An id a manager typed (`U012ABC` or `slack:U012ABC`), as the core keeps it: bare ones by the configured platforms. */
  readId(text: string): ChatId {
    return readChatId(text, this.platforms);
  }

  isSpokesperson(userId: string, roles: readonly string[] = []): boolean {
    const spokesperson = this.effective.spokesperson;
    return (
      spokesperson !== undefined &&
      [userId, ...roles].some((id) => id.trim() !== '' && readChatId(id, this.platforms) === spokesperson)
    );
  }

  async set(name: string, value: string, actorId: string): Promise<SetSettingResult> {
    const definition = settingDefinition(name);
    if (!definition) return { ok: false, problem: 'unknown-setting' };
    if (!definition.read(value, this.platforms))
      return {
        ok: false,
        problem: 'invalid-value',
        expected: definition.expected,
        suggestion: definition.suggest?.(value),
      };
    const overrides = { ...this.overrides, [name]: storedText(definition, value, this.platforms) };
    await this.collection.set(OVERRIDES_KEY, overrides);
    await this.collection.set(`changed:${name}`, { by: actorId, at: this.clock.now().toISOString() });
    return { ok: true, settings: this.apply(overrides) };
  }

  async reset(name: string): Promise<SetSettingResult> {
    if (!settingDefinition(name)) return { ok: false, problem: 'unknown-setting' };
    const { [name]: _removed, ...overrides } = this.overrides;
    await this.collection.set(OVERRIDES_KEY, overrides);
    return { ok: true, settings: this.apply(overrides) };
  }
}
