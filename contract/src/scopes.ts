import type { Category, Permission } from './vocabulary.js';

/** What a consent covers: listed records, listed categories, or everything the patient has. */
export type Scope = { all: true } | { categories: Category[] } | { records: string[] };

/** What a grant must cover: an existing record, or (for a new record) just its category. */
export type GrantTarget = { recordId: string; category: Category } | { category: Category };

/** Whether a scope covers a record or a new record's category: the rule the ledger applies. */
export function scopeCovers(scope: Scope, target: GrantTarget): boolean {
  if ('all' in scope) return true;
  if ('categories' in scope) return scope.categories.includes(target.category);
  return 'recordId' in target && scope.records.includes(target.recordId);
}

/** Whether a granted permission allows what is needed (read-write includes read). */
export function permits(granted: Permission, needed: Permission): boolean {
  return granted === 'read-write' || needed === 'read';
}
