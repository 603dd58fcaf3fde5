import { describe, expect, it } from 'vitest';
import { asksForDoctor, parseDoctorPhrases } from '../../src/inquiries/wants-doctor.js';

describe('asksForDoctor: patient messages that ask for the provider', () => {
  it.each([
    'Hi, this is about my filler, I need to talk to the doctor please',
    'Patient wants Dr. Patel to call her back about the bruising',
    'she asked for the doctor, not the nurse',
    'needs to talk to the doctor before Friday',
    'can I speak with Dr Lee?',
    'Hola, quiero hablar con la doctora sobre mi tratamiento',
    'quiere hablar con la doctora',
    'Bonjour, je veux parler au médecin',
    'Il veut parler au medecin aujourd’hui',
    'Ich möchte den Arzt sprechen',
    'möchte bitte die Ärztin sprechen',
    'I want to talk to the docter about my botox',
    'can i talk to the doctr',
    'Can Dr Lee call me tonight?',
    'WANTS THE DOCTOR',
  ])('flags %j', (text) => {
    expect(asksForDoctor(text)).toBe(true);
  });

  it('sees through invisible characters and look-alike letters', () => {
    expect(asksForDoctor('I need to talk to the d\u200boctor')).toBe(true);
    // Cyrillic о and с in "doctor"
    expect(asksForDoctor('wants the d\u043e\u0441tor')).toBe(true);
    expect(asksForDoctor('speak\u00a0with\u2060 Dr. Patel')).toBe(true);
  });

  it.each([
    'my doctor said to ask about pricing',
    "I need a doctor's note for work",
    "doctor's note for work please",
    "What is Dr. Patel's clinic address?",
    "Patient wants Dr. Patel's address for her insurer",
    'Can I book a consultation for lip filler?',
    'The doctor did a great job, thank you!',
    'Is Dr Lee working on Saturday?',
    'what does the doctor recommend for aftercare',
    'Hola, ¿cuánto cuesta el botox?',
  ])('does not flag %j', (text) => {
    expect(asksForDoctor(text)).toBe(false);
  });

  it('uses the clinic list it is given', () => {
    const list = parseDoctorPhrases('doctor: nurse-practitioner np\nprefers {the} {dr}\n');
    expect(asksForDoctor('She prefers the NP', list)).toBe(true);
    expect(asksForDoctor('She wants the doctor', list)).toBe(false);
  });

  it('refuses a phrase without {dr}', () => {
    expect(() => parseDoctorPhrases('doctor: dr\nwants a call\n')).toThrow(/no \{dr\}/);
  });
});
