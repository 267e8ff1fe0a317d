import {
  CONSENT_ID,
  DOCTOR_ID,
  ID_EXAMPLES,
  MSP_ID,
  PARTICIPANT_ID,
  PATIENT_ID,
  RECORD_ID,
  SHA256_HEX,
} from '@patrec/contract/core';
import { invalidArgument } from './errors';

/**
 * Checks of transaction arguments. Every transaction takes strings (the wire format) and
 * passes each through one of these before reading or writing anything, so a bad argument
 * is refused with INVALID_ARGUMENT and changes nothing.
 */
const DEFAULT_MAX_LENGTH = 256;
const DECIMAL = /^(0|[1-9][0-9]{0,14})$/;
const ISO_UTC_MILLIS = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/;

export function stringArg(name: string, value: unknown, maxLength = DEFAULT_MAX_LENGTH): string {
  if (typeof value !== 'string') throw invalidArgument(`${name} must be a string`);
  if (value.length > maxLength) {
    throw invalidArgument(`${name} is longer than ${maxLength} characters`);
  }
  return value;
}

function patternArg(name: string, value: unknown, pattern: RegExp, expected: string): string {
  const text = stringArg(name, value);
  if (!pattern.test(text)) throw invalidArgument(`${name} must be ${expected}`);
  return text;
}

export const patientIdArg = (name: string, value: unknown) =>
  patternArg(name, value, PATIENT_ID, ID_EXAMPLES.patient);
export const doctorIdArg = (name: string, value: unknown) =>
  patternArg(name, value, DOCTOR_ID, ID_EXAMPLES.doctor);
export const participantIdArg = (name: string, value: unknown) =>
  patternArg(name, value, PARTICIPANT_ID, ID_EXAMPLES.participant);
export const recordIdArg = (name: string, value: unknown) =>
  patternArg(name, value, RECORD_ID, ID_EXAMPLES.record);
export const consentIdArg = (name: string, value: unknown) =>
  patternArg(name, value, CONSENT_ID, ID_EXAMPLES.consent);
export const sha256Arg = (name: string, value: unknown) =>
  patternArg(name, value, SHA256_HEX, ID_EXAMPLES.sha256);
export const mspIdArg = (name: string, value: unknown) =>
  patternArg(name, value, MSP_ID, ID_EXAMPLES.msp);

/** An empty string stands for "not given" in optional arguments. */
export function optional<T>(
  value: unknown,
  parse: (name: string, value: unknown) => T,
  name: string,
): T | null {
  return value === '' ? null : parse(name, value);
}

export function oneOfArg<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  const text = stringArg(name, value);
  if (!(allowed as readonly string[]).includes(text)) {
    throw invalidArgument(`${name} must be one of ${allowed.join(', ')}`);
  }
  return text as T;
}

export function integerArg(name: string, value: unknown, min: number, max: number): number {
  const text = stringArg(name, value);
  if (!DECIMAL.test(text)) throw invalidArgument(`${name} must be a whole number`);
  const number = Number(text);
  if (number < min || number > max) {
    throw invalidArgument(`${name} must be between ${min} and ${max}`);
  }
  return number;
}

/** A time as the ledger writes it: ISO-8601 UTC with milliseconds (2026-11-22T23:11:55.113Z). */
export function timeArg(name: string, value: unknown): string {
  const text = stringArg(name, value);
  const millis = Date.parse(text);
  // The round trip refuses impossible dates such as 2026-02-30 that the pattern lets through.
  if (!ISO_UTC_MILLIS.test(text) || Number.isNaN(millis) || isoOf(millis) !== text) {
    throw invalidArgument(`${name} must be a UTC time such as 2026-11-22T23:11:55.113Z`);
  }
  return text;
}

export function jsonArg(name: string, value: unknown, maxLength: number): unknown {
  const text = stringArg(name, value, maxLength);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidArgument(`${name} must be JSON`);
  }
}

function isoOf(millis: number): string {
  return new Date(millis).toISOString();
}
