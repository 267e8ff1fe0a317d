import type { AccessLogEntry } from '@patrec/contract';

type Cell = string | number | boolean | null;

const columns: [name: string, value: (entry: AccessLogEntry) => Cell][] = [
  ['accessedAt', (e) => e.accessedAt],
  ['kind', (e) => e.kind],
  ['patientId', (e) => e.patientId],
  ['recordId', (e) => e.recordId],
  ['version', (e) => e.version],
  ['accessorId', (e) => e.accessorId],
  ['accessorName', (e) => e.accessor.name],
  ['accessorOrg', (e) => e.accessor.hospital ?? e.accessorMspId],
  ['consentId', (e) => e.consentId],
  ['emergency', (e) => e.emergency],
  ['outcome', (e) => e.outcome],
  ['refusal', (e) => e.refusal],
  ['accessId', (e) => e.accessId],
  ['txId', (e) => e.txId],
];

/** RFC 4180: quote every field that needs it, double the quotes inside. */
function cell(value: Cell): string {
  const text = value === null ? '' : String(value);
  // A leading = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function accessLogCsv(entries: AccessLogEntry[]): string {
  const lines = [columns.map(([name]) => name).join(',')];
  for (const entry of entries) lines.push(columns.map(([, value]) => cell(value(entry))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A CSV file's name; one that stopped at the read limit says so: `…-first-5000.csv`. */
export function csvName(base: string, rows: number, complete: boolean): string {
  return `${base}${complete ? '' : `-first-${rows}`}.csv`;
}

/** Saves text as a file through a temporary link. */
export function download(fileName: string, text: string, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
