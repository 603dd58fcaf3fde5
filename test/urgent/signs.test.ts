import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode, TactError } from '../../src/errors.js';
import { wordsOf } from '../../src/urgent/sign-words.js';
import { compileSigns, detectSigns, oneEditApart, parseSignLine, type Sign } from '../../src/urgent/signs.js';
import { REPO_ROOT } from '../doubles/services.js';

/** The urgent-sign detector on the built-in list: what patients really write must page, the rest must not. */
function builtIn(): Sign[] {
  const compiled = compileSigns(readFileSync(join(REPO_ROOT, 'prompts', 'urgent-signs.txt'), 'utf8'), 'built-in');
  if (compiled instanceof TactError) throw compiled;
  return compiled;
}
const SIGNS = builtIn();
const detect = (text: string) => detectSigns(SIGNS, text);

const VISION = 'vision changes';
const WHITE = 'skin turning white or blue';
const PAIN = 'severe or worsening pain';
const REDNESS = 'spreading redness or warmth';
const BLISTER = 'blistering';
const DARK = 'skin going dark or black';
const FEVER = 'fever or chills';
const BREATHING = 'trouble breathing';
const ALLERGY = 'allergic reaction (swelling, hives)';
const SWALLOW = 'trouble swallowing or speaking';
const STROKE = 'stroke signs';
const CHEST = 'chest pain';
const FAINT = 'fainting';
const PUS = 'pus or oozing';
const HEADACHE = 'severe headache';

describe('the built-in list', () => {
  it('compiles, and covers every sign aesthetic emergencies need', () => {
    const labels = new Set(SIGNS.map((s) => s.label));
    for (const label of [VISION, WHITE, PAIN, REDNESS, BLISTER, DARK, FEVER, BREATHING, ALLERGY, SWALLOW, STROKE])
      expect(labels).toContain(label);
    for (const label of [CHEST, FAINT, PUS, HEADACHE]) expect(labels).toContain(label);
  });
});

describe('messages that page', () => {
  it.each<[string, string[]]>([
    // English, as patients text it
    ['Hi, had filler in my nose this morning and now my vision is blurry in my left eye', [VISION]],
    ['blury vison since the filler, is that normal??', [VISION]],
    ['I am seeing double since my appointment', [VISION]],
    ["I can't see properly out of my right eye", [VISION]],
    ['my lip has gone white and it really hurts', [WHITE]],
    ['there is a white patch on my skin where you injected', [WHITE]],
    ['skin looks blue/grey around the injection site', [WHITE]],
    ['My cheek looks kind of dusky and mottled', [WHITE]],
    ['the area is blanching when I press it', [WHITE]],
    ['the pain is getting worse and worse', [PAIN]],
    ['Severe throbbing pain in my lip', [PAIN]],
    ['the redness is spreading down my cheek and it feels hot to the touch', [REDNESS]],
    ['blisterring on my top lip since last night', [BLISTER]],
    ['small blisters appeared where the filler went in', [BLISTER]],
    ['the tip of my nose is turning black', [DARK]],
    ['theres a dark scab forming on my lip', [DARK]],
    ["I've had a fever since last night and chills", [FEVER]],
    ['I have a fiver since last night', [FEVER]],
    ['temperature 39.2 this morning', [FEVER]],
    ["I can't breathe properly", [BREATHING]],
    ['my throat feels tight and my tongue is swollen', [ALLERGY]],
    ['my lips are really swollen and I have hives on my neck', [ALLERGY]],
    ['it hurts to swallow', [SWALLOW]],
    ['my face is drooping on one side and my speech is slurred', [STROKE]],
    ['chest pain since the injection', [CHEST]],
    ['I fainted in the car park after my appointment', [FAINT]],
    ['there is yellow discharge and pus coming out of the bump', [PUS]],
    ['worst headache of my life after the botox', [HEADACHE]],
    // several signs at once, reported in list order
    ['My vision went blurry and the skin on my forehead is white', [VISION, WHITE]],
    // all caps, emoji, look-alikes, invisible characters
    ['HELP MY LIP IS TURNING WHITE 😱😱', [WHITE]],
    ['🥵 fever 39 and shaking', [FEVER]],
    ['my vіsіon is blurrу', [VISION]], // Cyrillic і and у
    ['bl\u200Banching on my chin', [WHITE]], // a zero-width space inside the word
    ['ｂｌｕｒｒｙ ｖｉｓｉｏｎ', [VISION]], // full-width letters
    // negation ends at a contrast or punctuation
    ['no fever but my lip is white', [WHITE]],
    ['Not sure if this is normal, my lip has gone white', [WHITE]],
    ["I'm not sure but I think my vision is blurry", [VISION]],
    ['sin fiebre pero me cuesta respirar', [BREATHING]],
    ['Ich habe kein Fieber aber starke Schmerzen', [PAIN]],
    ["I don't know if it's a fever, I feel hot and shivery, and my lip is very swollen and itchy", [FEVER, ALLERGY]],
    ['Nurse note: pt c/o blurred vision L eye 20 min post filler, skin blanched', [VISION, WHITE]],
    // Spanish
    ['Tengo la visión borrosa desde el relleno', [VISION]],
    ['tengo fiebre y escalofríos', [FEVER]],
    ['no puedo respirar bien', [BREATHING]],
    ['el labio se puso blanco', [WHITE]],
    ['me duele muchísimo y el dolor es cada vez peor', [PAIN]],
    ['Pas de fièvre mais la vue est floue', [VISION]],
    // French
    ['je vois flou depuis hier', [VISION]],
    ["j'ai de la fièvre", [FEVER]],
    ["la rougeur s'étend et c'est chaud", [REDNESS]],
    ["je n'arrive pas à respirer", [BREATHING]],
    // German
    ['Ich sehe verschwommen seit der Behandlung', [VISION]],
    ['Die Haut an der Lippe ist ganz weiß', [WHITE]],
    ['Ich habe Fieber und Schüttelfrost', [FEVER]],
    ['Ich bekomme keine Luft', [BREATHING]],
    // Portuguese
    ['estou com a visão turva', [VISION]],
    ['tenho febre desde ontem', [FEVER]],
    ['não consigo respirar', [BREATHING]],
    // Italian
    ['ho la vista offuscata', [VISION]],
    ['ho la febbre alta', [FEVER]],
    ['non riesco a respirare', [BREATHING]],
    ['ho un dolore fortissimo al labbro', [PAIN]],
  ])('%j pages for %j', (text, labels) => {
    expect(detect(text)).toEqual(labels);
  });
});

describe('the core signs in six languages', () => {
  it.each<[string, string, string]>([
    ['es', 'tengo los labios muy hinchados y me pica todo', ALLERGY],
    ['es', 'me arde la garganta y siento que se me cierra', ALLERGY],
    ['es', 'el dolor es insoportable', PAIN],
    ['es', 'la piel alrededor está morada y fría', WHITE],
    ['es', 'visión borosa desde ayer', VISION],
    ['es', 'tengo fievre', FEVER],
    ['fr', "j'ai la vue trouble depuis l'injection", VISION],
    ['fr', 'ma peau est devenue grise et froide', WHITE],
    ['fr', "j'ai très mal, c'est insupportable", PAIN],
    ['fr', "ma langue a gonflé et j'ai de l'urticaire", ALLERGY],
    ['fr', "j'ai de la fièvre et des frissons", FEVER],
    ['fr', "j'ai du mal à respirer", BREATHING],
    ['de', 'Ich sehe Doppelbilder', VISION],
    ['de', 'Die Stelle ist weiß und kalt', WHITE],
    ['de', 'Ich habe unerträgliche Schmerzen', PAIN],
    ['de', 'Meine Zunge ist geschwollen', ALLERGY],
    ['de', 'Ich kann kaum atmen', BREATHING],
    ['de', 'Ich habe 39 Fieber', FEVER],
    ['pt', 'minha visão está embaçada', VISION],
    ['pt', 'meu lábio ficou branco', WHITE],
    ['pt', 'estou com uma dor insuportável', PAIN],
    ['pt', 'minha língua está inchando', ALLERGY],
    ['pt', 'estou com falta de ar', BREATHING],
    ['pt', 'estou com febre e calafrios', FEVER],
    ['it', "vedo sfocato dall'occhio sinistro", VISION],
    ['it', 'il labbro è diventato bianco', WHITE],
    ['it', 'ho un dolore insopportabile', PAIN],
    ['it', "mi si gonfia la lingua e ho l'orticaria", ALLERGY],
    ['it', 'ho la febre e i brividi', FEVER],
    ['it', 'ho il fiato corto', BREATHING],
  ])('%s: %j pages for %j', (_language, text, label) => {
    expect(detect(text)).toContain(label);
  });
});

describe('messages that do not page', () => {
  it.each([
    'Can I book Botox for Friday?',
    'the redness has gone down, thank you',
    'teeth whitening price?',
    'no pain at all, just a question about my invoice',
    "I'd like a blue-light facial",
    'Do you offer blue light therapy for skin?',
    'skin booster and white tea facial',
    'my vision of the perfect lips',
    'running a bit late, be there in 10',
    'no fever, no chills, everything looks great',
    'niente febbre, tutto ok',
    'no fever or chills, no trouble breathing',
    'sin fiebre o escalofríos',
    'nada de fiebre, gracias',
    'Nurse note: patient denies vision changes or chest pain',
    'my vision is not blurry at all, just checking in',
    'swelling is fine, without any severe pain',
    'I never had fewer problems with a clinic',
    'some swelling on my lips, is that normal after filler?',
    'I have a droopy eyelid after the botox, can someone look at it?',
    'do you have treatments for dark spots on my skin?',
    'I need wheelchair access for my appointment',
    'there is a faint bruise on my cheek',
    "I can't see any bruising now, thanks!",
    'sin fiebre, todo bien',
    '¿Puedo cambiar mi cita al martes?',
    '¿Cuánto cuesta el blanqueamiento dental?',
    'pas de fièvre, merci beaucoup',
    'Merci, la rougeur a disparu',
    'Je voudrais un rendez-vous pour un blanchiment des dents',
    'kein Fieber, alles gut',
    'Ich möchte einen Termin für Botox',
    'não tenho febre, obrigada',
    'non ho la febbre, grazie',
    'Non vedo l’ora di vedere il risultato!',
    'Ich habe eine neue Stelle, das Büro ist weiß',
    'Posso spostare l’appuntamento a giovedì?',
    'Posso remarcar para quinta?',
    'Bonjour, je voudrais savoir si je peux faire du sport après le botox',
    'Hola, ¿el botox duele mucho?',
    'Je ne vois pas le problème avec ma facture',
    'I saw the results on Instagram, my friend says they are stunning',
    'Is it normal to have some bruising and swelling 2 days after filler?',
    'Can I take ibuprofen for the pain?',
    'The pain is much better today',
    "I can't talk right now, call me later",
    "I can't see the link in your email",
    'The injection site is a little sore',
  ])('%j', (text) => {
    expect(detect(text)).toEqual([]);
  });
});

describe('the pattern language', () => {
  const one = (line: string): Sign[] => {
    const parsed = parseSignLine(line);
    if (!parsed.ok) throw new Error(parsed.problem);
    return [parsed.sign];
  };

  it('reads words after clean-up: lower case, accents dropped, contractions joined, elisions split', () => {
    expect(wordsOf("Visión BORROSA, I can't see l'œil").map((w) => w.text)).toEqual([
      'vision',
      'borrosa',
      'i',
      'cant',
      'see',
      'l',
      'oeil',
    ]);
  });

  it('matches stems, alternatives and words in order', () => {
    const signs = one('test: blanch* skin|lip');
    expect(detectSigns(signs, 'blanched lip')).toEqual(['test']);
    expect(detectSigns(signs, 'blanching skin')).toEqual(['test']);
    expect(detectSigns(signs, 'lip blanched')).toEqual([]);
  });

  it('matches words near each other in either order, within the gap, in one sentence', () => {
    const signs = one('test: skin ~2 white');
    expect(detectSigns(signs, 'white skin')).toEqual(['test']);
    expect(detectSigns(signs, 'skin is so white')).toEqual(['test']);
    expect(detectSigns(signs, 'skin is very very white')).toEqual([]);
    expect(detectSigns(signs, 'my skin. White walls')).toEqual([]);
  });

  it('leaves out a match whose word is part of an excepted phrase', () => {
    const signs = one('test: skin ~3 white|blue ! blue light|eyes ! white tea');
    expect(detectSigns(signs, 'blue light therapy for my skin?')).toEqual([]);
    expect(detectSigns(signs, 'skin booster and white tea facial')).toEqual([]);
    expect(detectSigns(signs, 'after the blue light session my skin looks white')).toEqual(['test']);
    expect(parseSignLine('test: skin ~3 white !').ok).toBe(false);
  });

  it('forgives one typo in words of five letters or more, none in shorter ones, none in common words', () => {
    const signs = one('test: vision|swallow|pain');
    for (const typo of ['vison', 'visoin', 'visiion', 'vission', 'swalow'])
      expect(detectSigns(signs, typo)).toEqual(['test']);
    for (const other of ['paint', 'pan', 'visit']) expect(detectSigns(signs, other)).toEqual([]);
    expect(detectSigns(one('test: =vision'), 'vison')).toEqual([]);
    // "fewer" and "never" are words, not a misspelt "fever"
    expect(detectSigns(one('test: fever'), 'never fewer')).toEqual([]);
  });

  it('counts one edit: a letter added, dropped or changed, or two neighbours swapped', () => {
    for (const [a, b] of [
      ['vision', 'vison'],
      ['vison', 'vision'],
      ['vision', 'visoin'],
      ['fever', 'fiver'],
      ['blurry', 'bluryy'],
      ['fever', 'fever'],
    ])
      expect(oneEditApart(a ?? '', b ?? ''), `${a} ${b}`).toBe(true);
    for (const [a, b] of [
      ['vision', 'visn'],
      ['fever', 'fevers2'],
      ['vision', 'oisivn'],
      ['fever', 'river'],
    ])
      expect(oneEditApart(a ?? '', b ?? ''), `${a} ${b}`).toBe(false);
  });

  it('reads a negator that the pattern holds as part of it', () => {
    const signs = one('test: no puedo respirar');
    expect(detectSigns(signs, 'ya no puedo respirar')).toEqual(['test']);
    expect(detectSigns(one("test: can't breathe"), 'I can’t breathe')).toEqual(['test']);
  });

  it('refuses bad lines, naming the line, with a code', () => {
    const error = compileSigns('# header\nvision changes: blurr* vision\nno colon here\n', 'TACT_URGENT_SIGNS_FILE');
    expect(error).toBeInstanceOf(TactError);
    expect((error as TactError).code).toBe(ErrorCode.SignListInvalid);
    expect((error as TactError).message).toContain(
      'TACT_URGENT_SIGNS_FILE line 3: a line is a label, a colon, then the pattern',
    );
    for (const [line, words] of [
      ['x: a*', 'at least 3 letters'],
      ['x: skin ~ ', 'words on both sides'],
      ['x: skin ~12 white', 'at most 8 apart'],
      ['x: skin||lip', 'empty alternative'],
      ['x: blue-light', 'not a word'],
      ["x: l'oeil", 'is read as 2 words: write them apart, l oeil'],
      [': skin', 'the label'],
      ['x:', 'the pattern after the colon is empty'],
    ]) {
      const parsed = parseSignLine(line ?? '');
      expect(parsed.ok, line).toBe(false);
      if (!parsed.ok) expect(parsed.problem).toContain(words);
    }
  });
});
