import { z } from 'zod';
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from '../vocabulary.js';
import { bmiWithinLimits } from './bmi.js';
import { formSchemas, unitSystemOf } from './clinical-forms.js';
import { recordTitle } from './record-title.js';

/** One uploaded document, as base64. */
export const uploadedDocument = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  contentType: z.enum(DOCUMENT_TYPES),
  /** At most 5 MiB once decoded. */
  dataBase64: z.base64().max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4),
});
export type UploadedDocument = z.infer<typeof uploadedDocument>;

/** An optional title for the list (PHI, sealed with the content); derived when left out. */
const title = recordTitle.optional();

/** What a record holds: one clinical form, or one uploaded document, and perhaps a title. */
export const recordContent = z.discriminatedUnion('category', [
  z.strictObject({
    category: z.literal('general-medicine'),
    title,
    form: formSchemas['general-medicine'],
  }),
  z.strictObject({
    category: z.literal('clinical-results'),
    title,
    form: formSchemas['clinical-results'],
  }),
  z.strictObject({ category: z.literal('cardiac'), title, form: formSchemas.cardiac }),
  z.strictObject({ category: z.literal('dermatology'), title, form: formSchemas.dermatology }),
  z.strictObject({ category: z.literal('dentistry'), title, form: formSchemas.dentistry }),
  z.strictObject({ category: z.literal('document'), title, document: uploadedDocument }),
]);
export type RecordContent = z.infer<typeof recordContent>;

/** Values the gateway derives from a form and stores with it; never taken from a client. */
export const derivedValues = z.object({ bmi: z.number().optional() });

/** A stored record's content: as entered, plus what was derived from it. */
export const storedContent = z.intersection(
  recordContent,
  z.object({ derived: derivedValues.optional() }),
);
export type StoredContent = RecordContent & { derived?: z.infer<typeof derivedValues> };

/** What is stored: the content as entered, plus values derived from it (BMI). */
export function withDerivedValues(content: RecordContent): StoredContent {
  if (content.category !== 'general-medicine') return content;
  const { form } = content;
  const value =
    unitSystemOf(form) === 'metric'
      ? bmiWithinLimits(form.weightKg, form.heightCm, 'metric')
      : bmiWithinLimits(form.weightLbs, form.heightFeet, 'imperial');
  return value === undefined ? content : { ...content, derived: { bmi: value } };
}
