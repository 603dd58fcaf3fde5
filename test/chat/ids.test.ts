import { describe, expect, it } from 'vitest';
import { bareIdPlatform, isChatId, ownRawId, platformOf, qualify, readChatId, strip } from '../../src/chat/ids.js';
import { ErrorCode } from '../../src/errors.js';

describe('chat ids', () => {
  it('qualifies a raw id with its platform, once', () => {
    expect(qualify('slack', 'U123')).toBe('slack:U123');
    expect(qualify('discord', '123456789012345678')).toBe('discord:123456789012345678');
    expect(qualify('console', 'ana')).toBe('console:ana');
    expect(qualify('slack', 'slack:U123')).toBe('slack:U123');
    expect(qualify('slack', '  U123 ')).toBe('slack:U123');
  });

  it('refuses an empty id and an id of another platform', () => {
    expect(() => qualify('slack', '')).toThrow(expect.objectContaining({ code: ErrorCode.ChatIdInvalid }));
    expect(() => qualify('slack', '   ')).toThrow(expect.objectContaining({ code: ErrorCode.ChatIdInvalid }));
    expect(() => qualify('slack', 'discord:1')).toThrow(expect.objectContaining({ code: ErrorCode.ChatIdInvalid }));
  });

  it("reads the platform of an id (any adapter name, e.g. a new platform's); a bare id or a prefix alone names none", () => {
    expect(platformOf('slack:U1')).toBe('slack');
    expect(platformOf('discord:1')).toBe('discord');
    expect(platformOf('console:a:b')).toBe('console');
    expect(platformOf('U1')).toBeUndefined();
    expect(platformOf('teams:1')).toBe('teams');
    expect(platformOf('Teams:1')).toBeUndefined();
    expect(platformOf('slack:')).toBeUndefined();
    expect(platformOf(':U1')).toBeUndefined();
    expect(platformOf('')).toBeUndefined();
    expect(isChatId('slack:U1')).toBe(true);
    expect(isChatId('U1')).toBe(false);
  });

  it('keeps colons inside a raw id: only the first one ends the platform', () => {
    expect(strip('console', 'console:a:b')).toBe('a:b');
    expect(qualify('console', 'console:a:b')).toBe('console:a:b');
    // an id naming another platform, even a new one, is never taken for this one's
    expect(() => qualify('slack', 'teams:1')).toThrow(expect.objectContaining({ code: ErrorCode.ChatIdInvalid }));
  });

  it("strips the platform for its own API, passes a bare id, and refuses another platform's id", () => {
    expect(strip('slack', 'slack:U1')).toBe('U1');
    expect(strip('slack', 'C1')).toBe('C1');
    expect(() => strip('slack', 'discord:1')).toThrow(expect.objectContaining({ code: ErrorCode.ChatIdUnrouted }));
  });

  it('gives a mention the raw id only on its own platform', () => {
    expect(ownRawId('discord', 'discord:1')).toBe('1');
    expect(ownRawId('discord', '1')).toBe('1');
    expect(ownRawId('discord', 'slack:U1')).toBeUndefined();
  });

  it('reads a bare id by the platforms configured', () => {
    expect(bareIdPlatform('U1', ['slack'])).toBe('slack');
    expect(bareIdPlatform('123', ['slack'])).toBe('slack');
    expect(bareIdPlatform('U1', ['discord'])).toBe('discord');
    expect(bareIdPlatform('123', ['slack', 'discord'])).toBe('discord');
    expect(bareIdPlatform('U1', ['slack', 'discord'])).toBe('slack');
    expect(bareIdPlatform('U1', [])).toBe('console');
    expect(bareIdPlatform('U1', ['console'])).toBe('console');
    expect(readChatId(' 123 ', ['slack', 'discord'])).toBe('discord:123');
    expect(readChatId('slack:U1', ['discord'])).toBe('slack:U1');
  });
});
