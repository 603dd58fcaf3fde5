import { TIERS, type Category, type Complaint, type Reason, type Tier, counts, isOpen } from './model.js';

/**
 * The severity ladder. Grading is transparent: every tier comes with the reasons that raised it,
 * and the words that trigger a reason are data here, not conditions spread through code.
 */
export const REPEAT_WINDOW_DAYS = 90;

interface Signal {
  code: 'refund-ultimatum' | 'review-threat' | 'legal-threat' | 'abuse' | 'harassment';
  tier: Tier;
  patterns: readonly RegExp[];
}

export const SIGNALS: readonly Signal[] = [
  {
    code: 'legal-threat',
    tier: 'aggressive',
    patterns: [
      /\b(lawyer|attorney|solicitor|lawsuit|litigation|malpractice|subpoena)s?\b/i,
      /\bsu(e|ing|ed)\b/i,
      /\blegal action\b/i,
      /\b(take|taking) (you|us|the (clinic|practice)) to court\b/i,
      /\b(medical|state|licensing|dental) board\b/i,
      /\breport(ing|ed)? (you|us|the (clinic|practice|doctor)) to\b/i,
    ],
  },
  {
    code: 'abuse',
    tier: 'aggressive',
    patterns: [
      /\b(yell|scream|shout|swear|curs)(ed|ing|s)? at\b/i,
      /\bthreat(en|ened|ening|s)? (to )?(hurt|harm|kill|beat|come back)\b/i,
      /\bthreatened (the |our )?(staff|receptionist|nurse|doctor|front desk|her|him|them)\b/i,
      /\b(abusive|abused|assault(ed)?|shoved|spat at)\b/i,
      // "pushed her appointment back" is scheduling, not violence: a possessive followed by a noun is skipped.
      /\b(hit|pushed|slapped|grabbed|punched|kicked|shoved) ((me|her|him|them|us)\b(?!\s+(appointment|visit|booking|consult\w*|time|schedule|session|date|slot|bill|payment|results?|treatment)\b)|(a|our|the) (staff|nurse|receptionist|doctor|provider|front desk|injector|assistant)\b)/i,
      /\b(called (her|him|them|me|us) (a|an)|slur|racist remark)\b/i,
    ],
  },
  {
    code: 'harassment',
    tier: 'aggressive',
    patterns: [
      /\bharass(ed|ing|ment)?\b/i,
      /\bstalk(ed|ing)?\b/i,
      /\b(\d{2,}|dozens of|repeated(ly)?) (calls|messages|emails|texts)\b/i,
    ],
  },
  {
    code: 'refund-ultimatum',
    tier: 'escalating',
    patterns: [
      /\brefund\b.{0,40}\b(or (else|i|we|she|he|they)|by (tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|end of)|within \d+)/i,
      /\b(demand(s|ed|ing)?|insist(s|ed|ing)?) (on )?(a |her |his |their |my )?(full )?refund\b/i,
      /\b(chargeback|dispute (the|a) charge|charge ?back)\b/i,
      /\bmoney back or\b/i,
    ],
  },
  {
    code: 'review-threat',
    tier: 'escalating',
    patterns: [
      /\b(one|1)[- ]star\b/i,
      /\b(bad|negative|terrible) review\b/i,
      /\b(post|write|leave|put)(ing|s)? (it |this |a review |about (it|this|us) )?(on|to) (google|yelp|realself|facebook|instagram|tiktok|social media|the internet|online)\b/i,
      /\b(tell|warn)(ing)? (everyone|all (her|his|their|my) (friends|followers))\b/i,
      /\b(go(ing)? to|call(ing)?|contact(ing)?) the (press|news|media|newspaper)\b/i,
    ],
  },
];

/** Categories that are a real grievance even the first time. */
const GRIEVANCE_CATEGORIES: ReadonlySet<Category> = new Set([
  'billing',
  'results',
  'complication',
  'conduct',
  'sales',
  'privacy',
]);

export interface GradingInput {
  category: Category;
  text: string;
  /** earlier complaints about the same patient reference, any age */
  earlier: readonly Pick<Complaint, 'id' | 'createdAt' | 'status' | 'steps'>[];
  now: Date;
}

export interface Grade {
  tier: Tier;
  reasons: Reason[];
}

function rank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

export function grade(input: GradingInput): Grade {
  const raised: Array<{ tier: Tier; reason: Reason }> = [];

  for (const signal of SIGNALS) {
    if (signal.patterns.some((pattern) => pattern.test(input.text))) {
      raised.push({ tier: signal.tier, reason: { code: signal.code } });
    }
  }

  const windowStart = input.now.getTime() - REPEAT_WINDOW_DAYS * 86_400_000;
  // A voided complaint was logged by mistake: it makes no later complaint a repeat.
  const recent = input.earlier.filter((c) => counts(c) && Date.parse(c.createdAt) >= windowStart).length;
  if (recent >= 1) {
    raised.push({ tier: 'escalating', reason: { code: 'repeat', ordinal: recent + 1, days: REPEAT_WINDOW_DAYS } });
  }

  const overdue = input.earlier.find(
    (c) => isOpen(c.status) && c.steps.some((s) => !s.doneAt && Date.parse(s.due) < input.now.getTime()),
  );
  if (overdue) raised.push({ tier: 'escalating', reason: { code: 'overdue-follow-up', complaintId: overdue.id } });

  if (GRIEVANCE_CATEGORIES.has(input.category)) {
    raised.push({ tier: 'legitimate', reason: { code: 'grievance', category: input.category } });
  }

  if (raised.length === 0) return { tier: 'occasional', reasons: [{ code: 'first-minor' }] };

  const tier = raised.reduce<Tier>((top, r) => (rank(r.tier) > rank(top) ? r.tier : top), 'occasional');
  // Most severe reasons first: that is what staff need to read at a glance.
  const reasons = [...raised].sort((a, b) => rank(b.tier) - rank(a.tier)).map((r) => r.reason);
  return { tier, reasons };
}

/** Words that suggest a category when staff did not give one. Order matters: first match wins. */
const CATEGORY_HINTS: ReadonlyArray<[Category, RegExp]> = [
  [
    'complication',
    /\b(infect\w*|swell\w*|bruis\w*|burn(s|ed)?|blister\w*|lump\w*|necrosis|allerg\w*|rash|droop\w*|ptosis|scar\w*|pain(ful)?|reaction|side[- ]effects?|complications?)\b/i,
  ],
  [
    'privacy',
    /\b(privacy|confidential\w*|hipaa|told (my|her|his) (friend|husband|wife|partner|boss)|shared (my|her|his) (info|information|photos?))\b/i,
  ],
  [
    'billing',
    /\b(bill(ed|ing)?|charged?|charges|invoice|overcharg\w*|price|fee|fees|payment|refund|insurance|deposit)\b/i,
  ],
  ['sales', /\b(upsell\w*|pushy|pressur\w*|hard sell|sales ?pitch|talked (me|her|him) into|packages?)\b/i],
  ['conduct', /\b(rude|dismissive|unprofessional|attitude|disrespect\w*|yelled|ignored)\b/i],
  ['wait', /\b(wait(ed|ing)?|late|delay\w*|resched\w*|cancel\w*|appointment time|kept waiting|no[- ]show)\b/i],
  ['results', /\b(results?|uneven|asymmetr\w*|not (happy|satisfied)|didn'?t work|no difference|worse|wore off)\b/i],
];

/** True when the text threatens legal action or a complaint to a board (reviews use this too). */
export function mentionsLegalAction(text: string): boolean {
  return SIGNALS.some((s) => s.code === 'legal-threat' && s.patterns.some((p) => p.test(text)));
}

export function guessCategory(text: string): Category | undefined {
  return CATEGORY_HINTS.find(([, pattern]) => pattern.test(text))?.[0];
}
