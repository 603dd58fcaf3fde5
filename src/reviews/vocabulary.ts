import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ErrorCode, TactError } from '../errors.js';

/**
 * The words the review-reply safety check looks for. Data, not code: a clinic adds its own
 * treatments, products and staff names in a JSON file named by TACT_REVIEW_VOCABULARY, with the
 * same keys; its lists are added to these.
 */
export const Vocabulary = z.object({
  /** phrases that confirm or imply the reviewer is or was a patient */
  patientStatus: z.array(z.string()),
  treatments: z.array(z.string()),
  products: z.array(z.string()),
  bodyAreas: z.array(z.string()),
  conditions: z.array(z.string()),
  medications: z.array(z.string()),
  outcomes: z.array(z.string()),
  /** staff and provider names, titles are caught separately */
  people: z.array(z.string()),
  /** insurance, bills and payments: what a dental practice was fined for disclosing */
  billing: z.array(z.string()),
  /** offers of money or discounts, and requests to take the review down */
  offers: z.array(z.string()),
});
export type Vocabulary = z.infer<typeof Vocabulary>;

export const BUILT_IN_VOCABULARY: Vocabulary = {
  patientStatus: [
    'your visit', 'your visits', 'your appointment', 'your appointments', 'your treatment', 'your treatments',
    'your procedure', 'your consultation', 'your consult', 'your session', 'your injection', 'your injections',
    'your results', 'your result', 'your care', 'your chart', 'your records', 'your file', 'your account',
    'your bill', 'your invoice', 'your balance', 'your payment', 'your insurance', 'your provider', 'your doctor',
    'your nurse', 'your injector', 'your surgeon', 'your follow-up', 'your followup', 'your recovery', 'your healing',
    'your skin', 'your face', 'your lips', 'your experience with us', 'your time with us', 'your stay',
    'when you came in', 'when you were in', 'when you were here', 'when you visited', 'you came in', 'you were seen',
    'we saw you', 'we treated you', 'we treat you', 'treated you', 'our records', 'our notes', 'our chart',
    'our files show', 'our system shows', 'as your provider', 'as your doctor', 'as your physician', 'as your surgeon',
    'as our patient', 'as a patient of ours', 'our patient', 'a patient of ours', 'you were a patient', 'you are a patient',
    'your last visit', 'since you were', 'during your', 'after your', 'you received',
    'you had', 'you underwent', 'you were treated', 'you were billed', 'you were charged', 'we billed you', 'we charged you',
    'welcome back', 'see you again', 'see you soon', 'next appointment', 'next visit', 'rebook', 'reschedule',
    // the HHS cases (dental 2019 and 2022, mental health 2023) and what a stressed front desk writes
    'your therapist', 'your counselor', 'your counsellor', 'your psychiatrist', 'your dentist', 'your hygienist',
    'your diagnosis', 'your medication', 'your prescription', 'your claim', 'your copay', 'your deductible',
    'your sessions', 'your therapy', 'your x-rays', 'your paperwork', 'your consent', 'your plan',
    'as your therapist', 'as your dentist', 'as your counselor', 'as a patient', 'as a client', 'our client',
    'a client of ours', 'patient of ours', 'appointment', 'appointments', 'visit', 'visits',
    'you signed', 'you agreed', 'you were told', 'you were given', 'you were advised', 'you were informed',
    'you missed', 'you cancelled', 'you canceled', 'you arrived', 'you paid', 'you declined', 'you chose',
    'consent form', 'intake form', 'no record', 'our record', 'on file', 'on record', 'in our system',
    'we checked', 'we looked into', 'to see you', 'seeing you', 'saw you', 'we spoke with you', 'we spoke to you',
    'met with you', 'we met you',
    // Thanks and regrets that still take the relationship for granted ("thank you for choosing us",
    // "after you visited us", "sorry the wait was longer than expected"). The built-in templates avoid
    // these words; a test checks every combination they can produce.
    'choosing us', 'chose us', 'choose us', 'welcoming you back', 'welcome you back', 'having you back',
    'you visited', 'visited us', 'your experience with', 'your case', 'your situation', 'the wait', 'your wait',
    'you waited', 'wait time', 'wait times', 'waiting time',
  ],
  treatments: [
    'botox', 'filler', 'fillers', 'dermal filler', 'lip filler', 'injectable', 'injectables', 'injection', 'injections',
    'laser', 'lasers', 'peel', 'chemical peel', 'microneedling', 'microdermabrasion', 'facial', 'hydrafacial',
    'coolsculpting', 'liposuction', 'lipo', 'tummy tuck', 'abdominoplasty', 'breast augmentation', 'augmentation',
    'implant', 'implants', 'rhinoplasty', 'nose job', 'facelift', 'face lift', 'blepharoplasty', 'eyelid surgery',
    'brow lift', 'thread lift', 'kybella', 'prp', 'ipl', 'photofacial', 'tattoo removal', 'hair removal',
    'laser hair removal', 'electrolysis', 'sclerotherapy', 'mole removal', 'biopsy', 'excision', 'surgery',
    'procedure', 'procedures', 'treatment', 'treatments', 'touch-up', 'touch up', 'consultation', 'exam',
    'body contouring', 'skin tightening', 'resurfacing', 'dermaplaning', 'tox', 'neurotoxin',
    'root canal', 'crown', 'crowns', 'filling', 'fillings', 'cleaning', 'deep cleaning', 'scaling', 'extraction',
    'extractions', 'veneer', 'veneers', 'whitening', 'braces', 'aligners', 'denture', 'dentures', 'x-ray', 'x-rays',
    'dental work', 'oral surgery', 'wisdom teeth', 'therapy', 'psychotherapy', 'counseling', 'counselling',
    'session', 'sessions', 'intake', 'assessment', 'evaluation', 'screening', 'follow-up', 'followup',
  ],
  products: [
    'juvederm', 'restylane', 'radiesse', 'sculptra', 'dysport', 'xeomin', 'jeuveau', 'daxxify', 'belotero', 'rha',
    'morpheus8', 'fraxel', 'clear + brilliant', 'clear and brilliant', 'halo', 'bbl', 'emsculpt', 'ultherapy',
    'thermage', 'latisse', 'tretinoin', 'retin-a', 'hydroquinone', 'skinceuticals', 'obagi', 'zo skin',
    'invisalign',
  ],
  bodyAreas: [
    'lip', 'lips', 'cheek', 'cheeks', 'forehead', 'brow', 'brows', 'eyebrow', 'eyebrows', 'eyelid', 'eyelids',
    'under-eye', 'under eye', 'tear trough', 'jaw', 'jawline', 'chin', 'neck', 'nose', 'face', 'skin', 'breast',
    'breasts', 'abdomen', 'stomach', 'belly', 'thigh', 'thighs', 'buttocks', 'butt', 'arm', 'arms', 'leg', 'legs',
    "crow's feet", 'crows feet', 'smile lines', 'nasolabial', 'marionette', 'scalp', 'hairline', 'temple', 'temples',
    'tooth', 'teeth', 'gum', 'gums', 'mouth', 'molar', 'molars',
  ],
  conditions: [
    'acne', 'rosacea', 'melasma', 'eczema', 'psoriasis', 'scar', 'scars', 'scarring', 'wrinkle', 'wrinkles',
    'hyperpigmentation', 'pigmentation', 'sun damage', 'cancer', 'melanoma', 'carcinoma', 'mole', 'moles', 'cyst',
    'infection', 'infected', 'allergy', 'allergic', 'reaction', 'bruise', 'bruising', 'bruised', 'swelling', 'swollen',
    'burn', 'burns', 'burned', 'blister', 'blisters', 'necrosis', 'occlusion', 'ptosis', 'droop', 'drooping',
    'lump', 'lumps', 'nodule', 'nodules', 'asymmetry', 'asymmetric', 'uneven', 'pain', 'numbness', 'hair loss',
    'anxiety', 'depression', 'diagnosis', 'diagnosed', 'condition', 'pregnant', 'pregnancy',
    'decay', 'cavity', 'cavities', 'gum disease', 'periodontal', 'periodontitis', 'abscess', 'toothache',
    'bipolar', 'ptsd', 'adhd', 'ocd', 'schizophrenia', 'disorder', 'mental health', 'panic attack', 'panic attacks',
    'addiction', 'substance use', 'suicidal', 'self-harm', 'eating disorder', 'trauma', 'insomnia',
  ],
  medications: [
    'antibiotic', 'antibiotics', 'hyaluronidase', 'hylenex', 'steroid', 'steroids', 'prednisone', 'lidocaine',
    'numbing cream', 'anesthetic', 'anesthesia', 'sedation', 'valium', 'antiviral', 'valtrex', 'accutane',
    'isotretinoin', 'spironolactone', 'prescription', 'medication', 'medications',
    'prescribe', 'prescribed', 'prescribing', 'dosage', 'dose', 'doses', 'opioid', 'opioids', 'painkiller',
    'painkillers', 'antidepressant', 'antidepressants', 'ssri', 'ssris', 'xanax', 'adderall', 'zoloft', 'lexapro',
    'prozac', 'lithium', 'benzodiazepine', 'ambien',
  ],
  outcomes: [
    'dissolved', 'dissolve', 'migrated', 'migration', 'overfilled', 'underfilled', 'wore off', 'wearing off',
    'complication', 'complications', 'side effect', 'side effects', 'botched', 'results', 'result', 'healed',
    'healing', 'recovery', 'downtime', 'redo', 'corrected', 'correction', 'revision', 'refund', 'refunded',
  ],
  people: [
    'dr', 'dr.', 'doctor', 'nurse', 'np', 'pa-c', 'rn', 'injector', 'aesthetician', 'esthetician', 'surgeon',
    'dentist', 'hygienist', 'orthodontist', 'oral surgeon', 'therapist', 'counselor', 'counsellor', 'psychiatrist',
    'psychologist', 'social worker', 'physician', 'dermatologist', 'plastic surgeon', 'receptionist',
  ],
  billing: [
    'insurance', 'insurer', 'insurance company', 'claim', 'claims', 'copay', 'co-pay', 'copayment', 'deductible',
    'coinsurance', 'balance', 'bill', 'bills', 'billed', 'billing', 'invoice', 'invoiced', 'charged',
    'collections', 'payment plan', 'out of pocket', 'out-of-pocket', 'medicaid', 'medicare', 'superbill',
    'prior authorization', 'pre-authorization',
  ],
  offers: [
    'refund', 'refunds', 'money back', 'reimburse', 'reimbursement', 'compensate', 'compensation', 'discount',
    'discounts', 'coupon', 'voucher', 'gift card', 'store credit', 'account credit', 'complimentary', 'on the house', 'no charge',
    'waive', 'waived', '% off', 'percent off', 'promo', 'promotion', 'special offer', 'for free', 'free of charge', 'free session', 'remove your review', 'remove the review',
    'delete your review', 'delete the review', 'take down', 'take it down', 'take the review down', 'update your review',
    'change your review', 'edit your review', 'revise your review', 'retract',
    'changing your review', 'updating your review', 'editing your review', 'removing your review', 'removing the review',
    'deleting your review', 'deleting the review', 'reconsider your review', 'reconsider your rating', 'change your rating',
    'update your rating', 'revise your rating',
  ],
};

/** The built-in lists plus a clinic's own file, if given. */
export async function loadVocabulary(path: string | undefined): Promise<Vocabulary> {
  if (!path) return BUILT_IN_VOCABULARY;
  let extra: Partial<Vocabulary>;
  try {
    extra = Vocabulary.partial().parse(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    throw new TactError(ErrorCode.ConfigInvalid, `TACT_REVIEW_VOCABULARY=${path}: expected a JSON file of word lists (see README)`, {
      cause: error,
    });
  }
  const merged = { ...BUILT_IN_VOCABULARY };
  for (const key of Object.keys(merged) as Array<keyof Vocabulary>) merged[key] = [...merged[key], ...(extra[key] ?? [])];
  return merged;
}
