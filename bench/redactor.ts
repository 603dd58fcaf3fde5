/**
 * Redactor bench (issue 11): time per text of the one redaction pass (names, phones, emails, birth
 * dates, SSN, card and id numbers), with 10,000 registered names and, for comparison, with 10.
 *
 * The registry is built the way a store holds it after years of use: each name's keyed forms are
 * made by name-forms.ts with the registry's own key and written as alias records through the Storage
 * port (one index write at the end, since adding 10,000 aliases one by one rewrites the index each
 * time), then loaded by a fresh AliasRegistry. Names are made of syllables, deterministic, with
 * three real-looking ones among them that the messages use.
 *
 * Texts: typical staff messages (40 to 250 characters: with and without names, phones, emails,
 * dates, record ids) and one long pasted review (about 4,000 characters). Each text is redacted
 * BENCH_REDACT_N times (default 2,000) after 200 warm-up calls, interleaved so drift hits all alike.
 * Before timing, every text's output is checked (the names it holds are replaced); exit code 1 when not.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openStorage } from '../src/adapters/store/index.js';
import { AliasRegistry, type AliasRecord } from '../src/privacy/aliases.js';
import { formsOf, nameWords } from '../src/privacy/name-forms.js';
import { createRedactor, type Redactor } from '../src/privacy/redactor.js';
import type { Storage } from '../src/storage.js';
import { summarize, type Summary } from './stats.js';

const REAL: ReadonlyArray<[string, string]> = [
  ['Jessica Moreno', 'Rose'],
  ['Will Hunter', 'Oak'],
  ['Maria Castellanos', 'Fern'],
];

const MESSAGES: readonly string[] = [
  'Can someone call back the patient from this morning? She asked about her invoice.',
  'P-2001 moved to Thursday 3pm, C-12 is resolved, I-7 answered by text.',
  'Jessica Moreno called twice about swelling after filler, cell 555-201-7788, please call back today.',
  'Ms. Moreno wants to move her appointment; her email is jess.moreno87@gmail.com',
  'Hunter will call you back after lunch, he is with a patient.',
  'New voicemail from +44 20 7946 0958: wants a quote for laser, DOB 03/14/1987.',
  'Castellanos paid the balance in full, card ending 1111, receipt sent.',
  'Front desk note: the 10:30 is running late, offer coffee and the magazine stand.',
  'Reminder: staff meeting Friday 8:00 in room 2, bring the Q3 complaint trends.',
  'jessica (at) gmail (dot) com asked whether we carry the HydraGlow serum in stock',
];

const SYLLABLES = [
  'ka',
  'ri',
  'mo',
  'ten',
  'sa',
  'lu',
  'vor',
  'ne',
  'di',
  'bel',
  'ta',
  'gor',
  'fi',
  'an',
  'zu',
  'pel',
  'ro',
  'mi',
  'dan',
  'xe',
];

/** A deterministic name of syllables ("Kariten Velumo"), distinct for each i. */
function syllableName(i: number): string {
  const word = (n: number, parts: number) => {
    let w = '';
    for (let p = 0; p < parts; p += 1) w += SYLLABLES[(n >> (p * 4)) % SYLLABLES.length] ?? '';
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  return `${word(i * 7 + 3, 3)} ${word(i, 4)}`;
}

async function registryOf(storage: Storage, count: number, namespace: string): Promise<AliasRegistry> {
  const key = randomBytes(32);
  const hash = (text: string) => createHmac('sha256', key).update(text).digest('hex');
  const collection = storage.collection(namespace);
  const aliases: string[] = [];
  const names: Array<[string, string]> = [
    ...REAL,
    ...Array.from({ length: count - REAL.length }, (_, i) => [syllableName(i), `A${i}`] as [string, string]),
  ];
  for (const [name, alias] of names) {
    const forms = formsOf(nameWords(name), hash);
    const record: AliasRecord = {
      alias,
      hashes: forms.filter((f) => f.kind === 'full' || f.kind === 'reversed').map((f) => f.hash),
      forms,
      words: nameWords(name).length,
      variants: 0,
      addedAt: new Date(0).toISOString(),
      addedBy: 'bench',
    };
    await collection.set(`alias:${alias.toLowerCase()}`, record);
    aliases.push(alias);
  }
  await collection.set('index', aliases);
  const registry = new AliasRegistry(collection, key, { now: () => new Date() });
  await registry.load();
  if (registry.list().length !== count) throw new Error(`loaded ${registry.list().length} of ${count} aliases`);
  return registry;
}

function longReview(): string {
  const sentences = [
    'I have been coming here for years and the staff are always kind.',
    'This time the wait was long and nobody explained why, which was frustrating.',
    'The results of the treatment were fine but the follow-up call never came.',
    'Parking is hard to find on weekdays, so plan for extra time.',
  ];
  let text = '';
  for (let i = 0; text.length < 4_000; i += 1) text += `${sentences[i % sentences.length] ?? ''} `;
  return `${text}Signed, Jessica Moreno, 555-201-7788`;
}

function time(redactor: Redactor, texts: readonly string[], runs: number): Summary {
  for (let i = 0; i < 200; i += 1) redactor.redact(texts[i % texts.length] ?? '');
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    for (const text of texts) {
      const started = performance.now();
      redactor.redact(text);
      samples.push(performance.now() - started);
    }
  }
  return summarize(samples);
}

function check(redactor: Redactor): string[] {
  const problems: string[] = [];
  for (const text of [...MESSAGES, longReview()]) {
    const out = redactor.redact(text);
    if (/jessica|moreno|castellanos|555-201|7946 0958|1987/i.test(out))
      problems.push(`not redacted: ${out.slice(0, 120)}`);
  }
  if (!redactor.redact(MESSAGES[4] ?? '').startsWith('Hunter will call'))
    problems.push('"Hunter will call you back" was changed');
  return problems;
}

const ms = (x: number) => (x < 0.1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`);

export async function runRedactorBench(): Promise<number> {
  const runs = Number(process.env['BENCH_REDACT_N'] ?? 2_000);
  const storage = await openStorage('memory://');
  try {
    const started = performance.now();
    const large = await registryOf(storage, 10_000, 'large');
    const built = performance.now() - started;
    const small = await registryOf(storage, 10, 'small');
    const problems = [
      ...check(createRedactor(large, { year: () => 2026 })),
      ...check(createRedactor(small, { year: () => 2026 })),
    ];
    if (problems.length) {
      for (const p of problems) process.stderr.write(`bench: ${p}\n`);
      return 1;
    }
    // The machine may be shared: the load says how much the tail figures can be trusted.
    const load = loadavg()[0]?.toFixed(1) ?? '?';
    process.stdout.write(
      `\nRedactor: one pass per text (10,000 aliases built and loaded in ${(built / 1000).toFixed(1)} s; ${runs} runs per text; load average ${load})\n`,
    );
    process.stdout.write('| registered names | texts | p50 | p99 | max |\n|---|---|---|---|---|\n');
    for (const [label, registry] of [
      ['10,000', large],
      ['10', small],
    ] as const) {
      const redactor = createRedactor(registry, { year: () => 2026 });
      const typical = time(redactor, MESSAGES, runs);
      const review = time(redactor, [longReview()], Math.max(1, Math.floor(runs / 10)));
      for (const [what, s] of [
        ['typical staff message (40-250 chars)', typical],
        ['pasted review (4,000 chars)', review],
      ] as const) {
        process.stdout.write(`| ${label} | ${what} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |\n`);
      }
    }
    return 0;
  } finally {
    await storage.close();
  }
}
