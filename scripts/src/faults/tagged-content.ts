import type { RecordContent } from '@patrec/contract';
import { clinicalRecord } from '../bench/clinical-content.js';

/** Every fault-run write is a clinical result whose test name is this prefix and its tag. */
const TEST_NAME_PREFIX = 'Fault run ';

/** The tag of the `seq`-th write of a patient in a run: unique across runs and patients. */
export const writeTag = (runId: string, patientIndex: number, seq: number) =>
  `${runId}-p${patientIndex}-w${seq}`;

/** A valid clinical-results form whose test name says which write it is. */
export function taggedContent(tag: string, n: number): RecordContent {
  const content = clinicalRecord('clinical-results', n);
  if (content.category !== 'clinical-results') throw new Error('clinical-results expected');
  return { ...content, form: { ...content.form, testName: `${TEST_NAME_PREFIX}${tag}` } };
}

/** The tag a read record's content carries; undefined for content no fault run wrote. */
export function tagOf(content: unknown): string | undefined {
  const testName = (content as { form?: { testName?: unknown } } | null)?.form?.testName;
  return typeof testName === 'string' && testName.startsWith(TEST_NAME_PREFIX)
    ? testName.slice(TEST_NAME_PREFIX.length)
    : undefined;
}
