'use client';

import type { RecordContent, UploadedDocument } from '@patrec/contract';
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from '@patrec/contract/core';
import { useState } from 'react';
import { Button } from '../ui/button';
import { Field } from '../ui/field';
import { ErrorNotice } from '../ui/notice';
import { checkTitle, TitleField, titleErrorOf } from './title-field';

/** The file's type, if it is one the gateway stores. */
const acceptedType = (file: File): UploadedDocument['contentType'] | undefined =>
  DOCUMENT_TYPES.find((type) => type === file.type);

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** Upload one document (PDF, PNG, JPEG or text, at most 5 MB) as a record. */
export function DocumentForm({
  submitLabel,
  busyText,
  busy,
  error,
  onSave,
  initialTitle,
}: {
  /** The title entered with the stored record, when replacing its file. */
  initialTitle?: string | undefined;
  submitLabel: string;
  busyText: string;
  busy: boolean;
  error: unknown;
  onSave: (content: RecordContent) => void;
}) {
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<string>();
  const [reading, setReading] = useState(false);
  const [title, setTitle] = useState(initialTitle ?? '');
  const [titleProblem, setTitleProblem] = useState<string>();

  const choose = (chosen: File | undefined) => {
    setFile(chosen);
    setProblem(undefined);
    if (!chosen) return;
    if (!acceptedType(chosen)) setProblem('Choose a PDF, PNG, JPEG or plain-text file.');
    else if (chosen.size > MAX_DOCUMENT_BYTES) setProblem('That file is larger than 5 MB.');
  };

  return (
    <form
      className="form card"
      aria-label="Upload a document"
      onSubmit={(event) => {
        event.preventDefault();
        const contentType = file ? acceptedType(file) : undefined;
        const titled = checkTitle(title);
        setTitleProblem('problem' in titled ? titled.problem : undefined);
        if (!file || !contentType) {
          setProblem(problem ?? 'Choose a file first.');
          return;
        }
        if (problem || 'problem' in titled) return;
        setReading(true);
        readAsBase64(file).then(
          (dataBase64) => {
            setReading(false);
            onSave({
              category: 'document',
              ...titled,
              document: { fileName: file.name, contentType, dataBase64 },
            });
          },
          (failure: unknown) => {
            setReading(false);
            setProblem(failure instanceof Error ? failure.message : 'The file could not be read.');
          },
        );
      }}
    >
      <Field label="File" hint="PDF, PNG, JPEG or plain text; at most 5 MB." error={problem}>
        {(control) => (
          <input
            {...control}
            type="file"
            name="file"
            accept=".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain"
            onChange={(e) => choose(e.target.files?.[0])}
          />
        )}
      </Field>
      <TitleField
        value={title}
        onValue={(value) => {
          setTitle(value);
          setTitleProblem(undefined);
        }}
        error={titleProblem ?? titleErrorOf(error)}
        madeFrom="the file name"
      />
      <ErrorNotice error={error} title="Not uploaded." />
      <Button
        type="submit"
        busy={busy || reading}
        busyText={reading ? 'Reading the file…' : busyText}
      >
        {submitLabel}
      </Button>
    </form>
  );
}
