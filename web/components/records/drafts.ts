import {
  CLINICAL_FORMS,
  formSchemas,
  plainWords,
  sentenceOf,
  type FieldDefinition,
  type FormCategory,
  type RecordContent,
  type StoredContent,
  type UnitSystem,
} from '@patrec/contract';

/**
 * What a person has typed into a clinical form, by field name, as text: a form keeps exactly
 * what was typed (even a half-written number) until it is saved; numbers are parsed on save.
 */
export type Draft = Record<string, string>;

/** Problems with a draft, by field, as the gateway words them: the form's rule as a sentence. */
export type DraftProblems = Record<string, string>;

export const emptyDraft = (category: FormCategory): Draft =>
  Object.fromEntries(Object.keys(CLINICAL_FORMS[category].fields).map((name) => [name, '']));

/**
 * A field's value as the schema takes it. A blank optional field is left out; a blank
 * number becomes NaN, so the schema names the field rather than reading 0.
 */
function valueOf(field: FieldDefinition, typed: string): unknown {
  const text = typed.trim();
  if (text === '' && field.optional) return undefined;
  switch (field.kind) {
    case 'integer':
    case 'decimal':
      return text === '' ? Number.NaN : Number(text);
    case 'teeth':
      return text
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map(Number);
    case 'choice':
    case 'text':
    case 'blood-pressure':
    case 'date':
      return text;
  }
}

/**
 * The content a draft makes in the chosen units, or what is wrong with it, checked by the
 * gateway's own schema.
 */
export function checkDraft(
  category: FormCategory,
  draft: Draft,
  system: UnitSystem,
): { content: RecordContent } | { problems: DraftProblems } {
  const form: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(CLINICAL_FORMS[category].fields)) {
    // What was typed in the other units, before switching, is not sent.
    if (field.system && field.system !== system) continue;
    const value = valueOf(field, draft[name] ?? '');
    if (value !== undefined) form[name] = value;
  }
  const checked = formSchemas[category].safeParse(form, { error: plainWords });
  if (checked.success) {
    // TypeScript cannot tie the parsed form to its category; the schema was the category's.
    return { content: { category, form: checked.data } as RecordContent };
  }
  const problems: DraftProblems = {};
  for (const issue of checked.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string') problems[field] ??= sentenceOf(issue.message);
  }
  return { problems };
}

/** A draft holding a stored record's values, to edit it. */
export function draftOf(content: StoredContent): Draft | undefined {
  if (content.category === 'document') return undefined;
  const form: Record<string, unknown> = content.form;
  const draft = emptyDraft(content.category);
  for (const name of Object.keys(draft)) {
    const value = form[name];
    if (Array.isArray(value)) draft[name] = value.join(', ');
    else if (typeof value === 'string' || typeof value === 'number') draft[name] = String(value);
  }
  return draft;
}
