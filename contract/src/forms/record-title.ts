import { z } from 'zod';
import { bmiWithinLimits } from './bmi.js';
import { unitSystemOf, type ClinicalForm } from './clinical-forms.js';

/**
 * A record's title: what its owner's list shows it by. Entered with the record, or derived
 * from it (a document's file name, a form's main finding). It is PHI like the content: kept
 * sealed off-chain, never on the ledger.
 */
export const MAX_TITLE_LENGTH = 120;

const TITLE_RULE = `Use at most ${MAX_TITLE_LENGTH} characters, on one line.`;

/** A title a person enters: one line of 1 to 120 characters (leave it out to have one derived). */
export const recordTitle = z
  .string(TITLE_RULE)
  .trim()
  .min(1, 'A title may not be blank: leave it out to have one made from the record.')
  .max(MAX_TITLE_LENGTH, TITLE_RULE)
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  .regex(/^[^\u0000-\u001f\u007f]*$/, TITLE_RULE);

/** What a title is made from: the content as entered (a category with its form or file). */
type Titled =
  | { category: 'general-medicine'; form: ClinicalForm<'general-medicine'>; title?: string }
  | { category: 'clinical-results'; form: ClinicalForm<'clinical-results'>; title?: string }
  | { category: 'cardiac'; form: ClinicalForm<'cardiac'>; title?: string }
  | { category: 'dermatology'; form: ClinicalForm<'dermatology'>; title?: string }
  | { category: 'dentistry'; form: ClinicalForm<'dentistry'>; title?: string }
  | { category: 'document'; document: { fileName: string }; title?: string };

/** The title entered with a record, or else one made from what it holds. */
export function titleOf(content: Titled): string {
  return shortened(content.title ?? derivedTitle(content));
}

/** A title made from a record's content, for records entered without one. */
export function derivedTitle(content: Titled): string {
  switch (content.category) {
    case 'document':
      return oneLine(content.document.fileName);
    case 'clinical-results': {
      const { testName, result, unit } = content.form;
      return `${oneLine(testName)}: ${oneLine(result)}${unit ? ` ${oneLine(unit)}` : ''}`;
    }
    case 'dermatology': {
      const { condition, affectedArea } = content.form;
      return `${oneLine(condition)}, ${oneLine(affectedArea)}`;
    }
    case 'dentistry': {
      const { procedure, teeth } = content.form;
      const which = teeth.length === 1 ? 'tooth' : 'teeth';
      return `${oneLine(procedure)}, ${which} ${teeth.join(', ')}`;
    }
    case 'cardiac': {
      const { ecgFindings, heartRate } = content.form;
      return ecgFindings
        ? `Cardiac: ECG ${oneLine(ecgFindings)}`
        : `Cardiac: heart rate ${heartRate} bpm`;
    }
    case 'general-medicine': {
      const { form } = content;
      const value =
        unitSystemOf(form) === 'metric'
          ? bmiWithinLimits(form.weightKg, form.heightCm, 'metric')
          : bmiWithinLimits(form.weightLbs, form.heightFeet, 'imperial');
      return value === undefined ? 'Check-up' : `Check-up, BMI ${value.toFixed(1)}`;
    }
  }
}

/** Free text on one line, runs of white space as one space. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** At most MAX_TITLE_LENGTH characters, cut at a word where one is near, with an ellipsis. */
function shortened(title: string): string {
  if (title.length <= MAX_TITLE_LENGTH) return title;
  const cut = title.slice(0, MAX_TITLE_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}
