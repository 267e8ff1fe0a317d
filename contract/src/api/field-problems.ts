import type { z } from 'zod';
import { CLINICAL_FORMS } from '../forms/clinical-forms.js';
import type { FieldProblem } from './errors.js';

/**
 * Wrong fields in words a person can act on. The schemas word their own rules as what a
 * valid value is ("a patient ID such as PAT177", "required"); zod's built-in checks are
 * worded here instead of in zod's terms. A problem then reads as a sentence that says
 * what to do ("Enter a patient ID such as PAT177."), and the summary names the field by its
 * label ("Patient ID: enter a patient ID such as PAT177.").
 */

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** What to send instead of a value of the wrong type, by the type expected. */
const BY_TYPE: Partial<Record<string, string>> = {
  string: 'Enter text.',
  number: 'Enter a number.',
  int: 'Enter a whole number.',
  boolean: 'Choose yes or no.',
  array: 'Give a list.',
  object: 'Send an object with the fields this request takes.',
};

/** What a value in a built-in format looks like. */
const BY_FORMAT: Partial<Record<string, string>> = {
  email: 'Enter an e-mail address such as name@example.com.',
  datetime: 'Enter a date and time such as 2026-12-01T09:30:00.000Z.',
  base64: 'Send the file as base64.',
};

/** The format of the string schema that raised an issue, if it has one. */
const formatOf = (issue: RawIssue): string | undefined =>
  (issue.inst?._zod.def as { format?: unknown } | undefined)?.format as string | undefined;

/**
 * The words for zod's built-in checks, as full sentences (the schemas' own rules are phrases
 * without a full stop, and are made sentences by `sentenceOf`). Pass it to `safeParse` as
 * `{ error: plainWords }`: a schema's own message still wins.
 */
export const plainWords: z.core.$ZodErrorMap = (issue: RawIssue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Fill this in.';
      // A string format (an e-mail address) says more than "text".
      return (
        BY_FORMAT[formatOf(issue) ?? ''] ??
        BY_TYPE[issue.expected] ??
        `Enter a value of type ${issue.expected}.`
      );
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') {
        return minimum <= 1 ? 'Fill this in.' : `Use at least ${plural(minimum, 'character')}.`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return minimum <= 1 ? 'Choose at least one.' : `Choose at least ${minimum}.`;
      }
      return issue.inclusive === false
        ? `Enter a number above ${minimum}.`
        : `Enter a number of at least ${minimum}.`;
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return `Use at most ${plural(maximum, 'character')}.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Give at most ${maximum}.`;
      return issue.inclusive === false
        ? `Enter a number below ${maximum}.`
        : `Enter a number of at most ${maximum}.`;
    }
    case 'invalid_format':
      return BY_FORMAT[issue.format] ?? 'Enter a value in the expected format.';
    case 'not_multiple_of':
      return `Enter a multiple of ${String(issue.divisor)}.`;
    case 'invalid_value':
      return issue.values.length <= 12
        ? `Choose one of: ${issue.values.map(String).join(', ')}.`
        : 'Choose one of the options.';
    case 'unrecognized_keys':
      return `Leave out ${issue.keys.join(', ')}: ${issue.keys.length === 1 ? 'it is' : 'they are'} not a field here.`;
    case 'invalid_union': {
      // A discriminated union names the values its discriminator takes.
      const options = (issue as { options?: unknown[] }).options;
      return options && options.length > 0 && options.length <= 12
        ? `Choose one of: ${options.map(String).join(', ')}.`
        : 'Enter a value in one of the accepted forms.';
    }
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return 'Enter a valid value.';
  }
};

/**
 * A rule as a sentence: "a whole number from 0 to 130" → "Enter a whole number from 0 to
 * 130.". Sentences (those ending in a full stop) are kept.
 */
export function sentenceOf(message: string): string {
  if (message.endsWith('.')) return message;
  if (message === 'required') return 'Fill this in.';
  if (message === 'choose one') return 'Choose one of the options.';
  const tooLong = /^(?:required, )?(at most \d+ characters?)$/.exec(message);
  if (tooLong) return `Use ${tooLong[1]}.`;
  if (message.startsWith('choose ')) return `C${message.slice(1)}.`;
  return `Enter ${message}.`;
}

/** Words the name of a field is made of, as they are written (patientId → "Patient ID"). */
const WORDS: Record<string, string> = { id: 'ID', msp: 'MSP', totp: 'TOTP', ecg: 'ECG' };

/** Fields whose name does not read well as words. */
const NAMES: Record<string, string> = {
  email: 'E-mail',
  login: 'ID or e-mail',
  totp: 'Authenticator code',
  schedule: 'Consulting hours',
  from: 'Start time',
  to: 'End time',
  dataBase64: 'File',
  durationDays: 'Duration (days)',
};

/** Each clinical form field's label; the form tests check that a name has one label. */
const FORM_LABELS = new Map(
  Object.values(CLINICAL_FORMS).flatMap((form) =>
    Object.values(form.fields).map((field) => [field.name, field.label] as const),
  ),
);

/** A field's name in words: `dateOfBirth` → "Date of birth". */
function nameInWords(name: string): string {
  const named = NAMES[name];
  if (named) return named;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What a person calls the field at `path` (inside a request part): a clinical form's label
 * for a form field, otherwise a name made from the path ("Consulting hours 2", "End time
 * (consulting hours 2)"). The part itself is "Request".
 */
export function fieldLabel(path: readonly PropertyKey[]): string {
  let at = path.length - 1;
  while (at >= 0 && typeof path[at] !== 'string') at -= 1;
  const name = path[at];
  if (typeof name !== 'string') return 'Request';
  const label = (path[at - 1] === 'form' ? FORM_LABELS.get(name) : undefined) ?? nameInWords(name);
  const index = path[at + 1];
  if (typeof index === 'number') return `${label} ${index + 1}`;
  const parentIndex = path[at - 1];
  const parent = path[at - 2];
  if (typeof parentIndex === 'number' && typeof parent === 'string') {
    return `${label} (${nameInWords(parent).toLowerCase()} ${parentIndex + 1})`;
  }
  return label;
}

/**
 * Each wrong field of one request part: its machine path (`body.form.age`, which the web
 * maps to its input) and what to do about it, as a sentence.
 */
export function fieldProblems(part: string, issues: readonly Issue[]): FieldProblem[] {
  const problems = issues.map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: sentenceOf(issue.message),
  }));
  // A value failing two checks worded by one rule is one problem.
  return problems.filter(
    (problem, index) =>
      problems.findIndex((p) => p.field === problem.field && p.message === problem.message) ===
      index,
  );
}

/** The label of a problem's field, from its machine path. */
function labelOf(problem: FieldProblem): string {
  const path = problem.field
    .split('.')
    .slice(1)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  return fieldLabel(path);
}

/**
 * One message for all the problems: the first one with its field's label, then which other
 * fields need a look. "Patient ID: enter a patient ID such as PAT177."
 */
export function problemsSummary(problems: readonly FieldProblem[]): string {
  const [first, ...others] = problems;
  if (!first) return 'Check what was sent.';
  const sentence = first.message.charAt(0).toLowerCase() + first.message.slice(1);
  const labels = [...new Set(others.map(labelOf))].filter((label) => label !== labelOf(first));
  const also = labels.length > 0 ? ` Also check: ${labels.join(', ')}.` : '';
  return `${labelOf(first)}: ${sentence}${also}`;
}
