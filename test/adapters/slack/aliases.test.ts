import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  MANAGERS,
  STAFF,
  movableClock,
  removeTempDirs,
  startTact,
  stopStarted,
  unescapeSlack,
  type TactUnderTest,
} from './harness.js';

/** `/tact alias` through Bolt: managers only, private replies, and names never shown back. */
const MANAGER = MANAGERS[0];
afterEach(stopStarted);
afterAll(removeTempDirs);

function alias(t: TactUnderTest, user: string, text: string) {
  return t.command(user, `alias ${text}`, { command: '/tact' });
}

describe('/tact alias', () => {
  it('a manager adds, lists and removes aliases privately; the list shows aliases and dates, never names', async () => {
    const t = await startTact({ clock: movableClock() });
    const added = await alias(t, MANAGER, 'add "Jane Doe" as Tulip');
    expect(added.replies).toHaveLength(1);
    expect(added.replies[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(added.text).toContain('Added the alias Tulip.');
    expect((await alias(t, MANAGER, 'add “Rose Marigold” as Daisy')).text).toContain('Added the alias Daisy.');

    const listed = await alias(t, MANAGERS[1], 'list');
    expect(listed.replies[0]).toMatchObject({ response_type: 'ephemeral' });
    const text = unescapeSlack(listed.text);
    expect(text).toContain('Aliases: 2');
    expect(text).toContain(`• Tulip · added Mon 2 Mar 10:00 by ${MANAGER}`);
    expect(text).toContain(`• Daisy · added Mon 2 Mar 10:00 by ${MANAGER}`);
    expect(text).not.toMatch(/jane|doe\b|rose|marigold/i);

    expect((await alias(t, MANAGER, 'remove Tulip')).text).toContain('Removed the alias Tulip.');
    expect(unescapeSlack((await alias(t, MANAGER, 'list')).text)).not.toContain('Tulip');
    // Nothing but response_url replies: no message was posted anywhere.
    expect(t.fake.calls().filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('members of staff are refused privately and change nothing', async () => {
    const t = await startTact();
    await alias(t, MANAGER, 'add "Jane Doe" as Tulip');
    for (const request of ['add "Rose Marigold" as Daisy', 'list', 'remove Tulip']) {
      const refused = await alias(t, STAFF, request);
      expect(refused.replies[0]).toMatchObject({ response_type: 'ephemeral' });
      expect(refused.text).toContain('Only practice managers can use /tact alias');
      expect(refused.text).not.toContain('Tulip');
    }
    expect(t.running.services.aliases.list().map((a) => a.alias)).toEqual(['Tulip']);
    expect(t.running.services.redactor.redact('Rose Marigold')).toBe('Rose Marigold');
  });

  it('a name registered twice, or an alias in use, is refused without echoing the name', async () => {
    const t = await startTact();
    await alias(t, MANAGER, 'add "Jane Doe" as Tulip');
    const again = await alias(t, MANAGER, 'add "DOE, JANE" as Daisy');
    expect(again.text).toContain('That name already has an alias');
    const taken = await alias(t, MANAGER, 'add "Rose Marigold" as tulip');
    expect(taken.text).toContain('That alias is already in use');
    expect(again.text + taken.text).not.toMatch(/jane|doe\b|marigold/i);
    expect(again.http.text + taken.http.text).toBe('');
  });
});
