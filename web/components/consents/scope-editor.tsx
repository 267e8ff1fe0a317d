'use client';

import type { Category, DirectoryEntry, Scope } from '@patrec/contract';
import { CATEGORIES, scopeCovers } from '@patrec/contract/core';
import { useId } from 'react';
import { categoryLabel, formatDate } from '@/lib/words';

export interface ScopeDraft {
  kind: 'all' | 'categories' | 'records';
  categories: Category[];
  records: string[];
}

/** A record to choose: what the directory lists of it (the date and title may be unknown). */
export type ScopeRecord = Pick<DirectoryEntry, 'recordId' | 'category'> &
  Partial<Pick<DirectoryEntry, 'createdAt'>> & { title?: string | null };

export const scopeDraftOf = (scope: Scope): ScopeDraft =>
  'all' in scope
    ? { kind: 'all', categories: [], records: [] }
    : 'categories' in scope
      ? { kind: 'categories', categories: [...scope.categories], records: [] }
      : { kind: 'records', categories: [], records: [...scope.records] };

/** The scope a draft names, or why it names none. */
export function scopeOf(draft: ScopeDraft): Scope | string {
  switch (draft.kind) {
    case 'all':
      return { all: true };
    case 'categories':
      return draft.categories.length > 0
        ? { categories: draft.categories }
        : 'Choose at least one category.';
    case 'records':
      return draft.records.length > 0 ? { records: draft.records } : 'Choose at least one record.';
  }
}

/**
 * Chooses everything, some categories or some records. With `within`, offers only what
 * narrows that scope (a patient approving a request may give less, never more).
 */
export function ScopeEditor({
  value,
  onChange,
  records,
  within,
  legend = 'Which records',
}: {
  value: ScopeDraft;
  onChange: (draft: ScopeDraft) => void;
  records: ScopeRecord[];
  within?: Scope;
  legend?: string;
}) {
  const name = useId();
  const kinds: ScopeDraft['kind'][] =
    !within || 'all' in within
      ? ['all', 'categories', 'records']
      : 'categories' in within
        ? ['categories', 'records']
        : ['records'];
  const categories = within && 'categories' in within ? within.categories : CATEGORIES;
  const offeredRecords = within ? records.filter((r) => scopeCovers(within, r)) : records;
  const kindLabel = {
    all: within ? 'Everything asked for' : 'All records',
    categories: 'Only some categories',
    records: 'Only some records',
  };
  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

  return (
    <fieldset className="scope-editor">
      <legend>{legend}</legend>
      <div className="radio-options">
        {kinds.map((kind) => (
          <label key={kind} className="radio">
            <input
              type="radio"
              name={name}
              value={kind}
              checked={value.kind === kind}
              onChange={() => onChange({ ...value, kind })}
            />
            {kindLabel[kind]}
          </label>
        ))}
      </div>
      {value.kind === 'categories' ? (
        <div className="checkbox-list" role="group" aria-label="Categories">
          {categories.map((category) => (
            <label key={category} className="checkbox">
              <input
                type="checkbox"
                checked={value.categories.includes(category)}
                onChange={(e) =>
                  onChange({
                    ...value,
                    categories: toggle(value.categories, category, e.target.checked),
                  })
                }
              />
              {categoryLabel[category]}
            </label>
          ))}
        </div>
      ) : null}
      {value.kind === 'records' ? (
        offeredRecords.length === 0 ? (
          <p className="muted">No records to choose from.</p>
        ) : (
          <div className="checkbox-list" role="group" aria-label="Records">
            {offeredRecords.map((record) => (
              <label key={record.recordId} className="checkbox">
                <input
                  type="checkbox"
                  checked={value.records.includes(record.recordId)}
                  onChange={(e) =>
                    onChange({
                      ...value,
                      records: toggle(value.records, record.recordId, e.target.checked),
                    })
                  }
                />
                <span>
                  <code>{record.recordId}</code> {record.title ? `${record.title} · ` : ''}
                  {categoryLabel[record.category]}
                  {record.createdAt ? (
                    <span className="muted"> · {formatDate(record.createdAt)}</span>
                  ) : null}
                </span>
              </label>
            ))}
          </div>
        )
      ) : null}
    </fieldset>
  );
}
