import { afterEach, describe, expect, it } from 'vitest';
import { buildServices, type TestServices } from '../../doubles/services.js';
import { listItems, runner, textOf } from '../helpers.js';

/** `/tact roles`: managers say who fills each pathway role, in the pathway's words. */
let t: TestServices;
afterEach(async () => {
  await t.close();
});

async function setup(env: Record<string, string> = {}) {
  t = await buildServices({ env: { TACT_MANAGERS: 'UMGR', ...env } });
  return runner(t, 'tact');
}

describe('/tact roles', () => {
  it("lists each role with its people, and says where an empty role's reminders go", async () => {
    const tact = await setup({ TACT_PROVIDERS: 'UDRA' });
    expect(listItems(await tact('roles'))).toEqual([
      'front desk (front-desk): nobody: their step reminders go to the practice managers',
      'patient coordinator (coordinator): nobody: their step reminders go to the practice managers',
      'nurse or injector (nurse): nobody: their step reminders go to the practice managers',
      'provider (provider): UDRA',
    ]);
  });

  it('sets and clears a role by the words people use for it', async () => {
    const tact = await setup();
    expect(textOf(await tact('roles set injectors UNURSE1, UNURSE2'))).toContain(
      'nurse or injector: UNURSE1, UNURSE2.',
    );
    expect(t.services.settings.current().nurses).toEqual(['console:UNURSE1', 'console:UNURSE2']);
    expect(textOf(await tact('roles set doctor UDRA'))).toContain('provider: UDRA.');
    expect(textOf(await tact('roles clear nurse'))).toContain('Nobody is set as nurse or injector now');
    expect(t.services.settings.current().nurses).toEqual([]);
    // the same values as settings
    expect(listItems(await tact('settings'))).toContain('providers = console:UDRA (set in chat)');
  });

  it.each([
    ['roles set janitor U1', 'unknown role "janitor"'],
    ['roles set provider', 'give the user ids after the role'],
    ['roles set provider <@U1>', 'Nothing was changed: expected chat user ids of the providers'],
    ['roles promote provider U1', 'write /tact roles'],
  ])('refuses %j with how to write it, changing nothing', async (text, words) => {
    const tact = await setup();
    expect(textOf(await tact(text))).toContain(words);
    expect(t.services.settings.overridden()).toEqual([]);
  });

  it('is for managers only', async () => {
    const tact = await setup();
    expect(textOf(await tact('roles set provider UX', 'UFRONT'))).toContain(
      'Only practice managers can use /tact roles',
    );
  });
});
