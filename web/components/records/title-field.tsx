'use client';

import { MAX_TITLE_LENGTH, recordTitle, sentenceOf } from '@patrec/contract';
import { ApiFailure } from '@/lib/api';
import { TextField } from '../ui/inputs';

/**
 * The title typed, as the gateway takes it: left out when blank (one is then made from the
 * record), or what is wrong with it in the gateway's words.
 */
export function checkTitle(typed: string): { title?: string } | { problem: string } {
  if (typed.trim() === '') return {};
  const checked = recordTitle.safeParse(typed);
  return checked.success
    ? { title: checked.data }
    : { problem: sentenceOf(checked.error.issues[0]?.message ?? 'a title') };
}

/** What the gateway said was wrong with the title, if it said so. */
export const titleErrorOf = (error: unknown): string | undefined =>
  error instanceof ApiFailure ? error.fieldErrors['title'] : undefined;

/** A record's optional title: what the patient's list shows it by. */
export function TitleField({
  value,
  onValue,
  error,
  madeFrom,
}: {
  value: string;
  onValue: (value: string) => void;
  error: string | undefined;
  /** What a title left blank is made from, in words ("the file name"). */
  madeFrom: string;
}) {
  return (
    <TextField
      label="Title"
      name="title"
      hint={`Optional. Shown in the list of records; left blank, it is made from ${madeFrom}.`}
      maxLength={MAX_TITLE_LENGTH}
      value={value}
      onValue={onValue}
      error={error}
      autoComplete="off"
    />
  );
}
