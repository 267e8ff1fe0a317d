import { z } from 'zod';
import * as f from '../fields.js';
import { DEFAULT_PAGE_SIZE, MAX_GRANT_DAYS, MAX_PAGE_SIZE, MIN_GRANT_DAYS } from '../vocabulary.js';

/** A page request in a query string. */
export const pageQuery = z.strictObject({
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  bookmark: f.bookmark.default(''),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** A success without a body (204). */
export const noContent = z.undefined();

/** Consents last whole days at the API (seconds on the ledger). */
export const durationDays = z.number().int().min(MIN_GRANT_DAYS).max(MAX_GRANT_DAYS);
export const SECONDS_PER_DAY = 86_400;
