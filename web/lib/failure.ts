import type { RefusalReason } from '@patrec/contract';
import { ApiFailure } from './api';
import { plainText } from './words';

/**
 * A failure in words a person can act on. The gateway's own message is kept (it names
 * what was wrong); the code and reason decide the sentence around it.
 */
export function failureText(error: unknown): string {
  if (!(error instanceof ApiFailure)) {
    return error instanceof Error ? error.message : 'Something went wrong.';
  }
  if (error.reason) return refusalText(error.reason, error.message);
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return capitalise(error.message);
    case 'NOT_FOUND':
      return `Not found: ${error.message}.`;
    case 'CONFLICT':
      return `Not done: ${error.message}.`;
    case 'INTEGRITY':
      return `This record failed its integrity check and is not shown (${plainText(error.details.problem) || 'mismatch'}). Auditors have been alerted.`;
    case 'INVALID_ARGUMENT':
    case 'UNPROCESSABLE':
      return `Please check the form: ${withFullStop(error.message)}`;
    case 'PAYLOAD_TOO_LARGE':
      return 'That file is too large: at most 5 MB.';
    case 'RATE_LIMITED':
      return 'Too many failed attempts. Wait a few minutes, then try again.';
    case 'UNAVAILABLE':
    case 'NETWORK':
      return capitalise(error.message);
    case 'FORBIDDEN':
      return `Refused: ${error.message}.`;
    case 'INTERNAL':
    case 'UNSUPPORTED_MEDIA_TYPE':
    default:
      return `Something went wrong (${error.code}): ${error.message}.`;
  }
}

/** Every refusal reason in words; one the contract adds fails the build until worded here. */
function refusalText(reason: RefusalReason, message: string): string {
  switch (reason) {
    case 'NO_CONSENT':
      return 'Access refused: no consent. You hold no active grant covering this.';
    case 'REVOKED':
      return 'Access refused: the patient revoked this consent.';
    case 'EXPIRED':
      return 'Access refused: the consent has expired. Ask the patient again.';
    case 'UNVERIFIED':
      return 'Refused: your doctor account is not verified yet. Your hospital admin verifies doctors.';
    case 'SUSPENDED':
      return 'Refused: your doctor account is suspended. Your hospital admin can lift the suspension.';
    case 'ROLE':
      return `Not allowed for your role: ${message}.`;
    case 'EMERGENCY_LIMIT':
      return `Refused: ${message}. Ask the patient for access, or ask a colleague.`;
    case 'CSRF':
      return 'Your session token is missing or stale. Reload the page and try again.';
    case 'NOT_REGISTERED':
    case 'WRONG_HOSPITAL':
    case 'NOT_YOURS':
    case 'CERTIFICATE':
    case 'SIGNATURE':
      return `Refused: ${message}.`;
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The gateway words a field problem as a sentence ("Age: enter …."), other failures not. */
const withFullStop = (text: string) => (text.endsWith('.') ? text : `${text}.`);
