import { plainText } from '@/lib/words';
import type { FormCategory, RecordContent, StoredContent } from '@/lib/types';

/**
 * What a person has typed into a clinical form, as text: a form keeps exactly what was
 * typed (even a half-written number) until it is saved; numbers are parsed only on save.
 */
export interface Drafts {
  'general-medicine': {
    gender: string;
    age: string;
    weightLbs: string;
    heightFeet: string;
    bloodGroup: string;
    bloodPressure: string;
    diabetes: string;
    foodAllergies: string;
    notes: string;
  };
  'clinical-results': {
    testName: string;
    result: string;
    unit: string;
    referenceRange: string;
    takenOn: string;
    notes: string;
  };
  cardiac: {
    heartRate: string;
    bloodPressure: string;
    ecgFindings: string;
    cholesterolMgDl: string;
    chestPain: string;
    notes: string;
  };
  dermatology: {
    condition: string;
    affectedArea: string;
    severity: string;
    treatment: string;
    notes: string;
  };
  dentistry: {
    teeth: string;
    procedure: string;
    findings: string;
    nextVisit: string;
    notes: string;
  };
}

export type Draft = Drafts[FormCategory];

export const emptyDrafts: Drafts = {
  'general-medicine': {
    gender: '',
    age: '',
    weightLbs: '',
    heightFeet: '',
    bloodGroup: '',
    bloodPressure: '',
    diabetes: '',
    foodAllergies: '',
    notes: '',
  },
  'clinical-results': {
    testName: '',
    result: '',
    unit: '',
    referenceRange: '',
    takenOn: '',
    notes: '',
  },
  cardiac: {
    heartRate: '',
    bloodPressure: '',
    ecgFindings: '',
    cholesterolMgDl: '',
    chestPain: '',
    notes: '',
  },
  dermatology: { condition: '', affectedArea: '', severity: '', treatment: '', notes: '' },
  dentistry: { teeth: '', procedure: '', findings: '', nextVisit: '', notes: '' },
};

/** A number as typed; NaN when it is not one, so the gateway names the field. */
const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));
const optionalText = (text: string) => (text.trim() === '' ? undefined : text.trim());
const optionalNumber = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()));

/** Problems the browser can name before the ledger is asked, by field. */
export type DraftProblems = Record<string, string>;

export function draftProblems(category: FormCategory, draft: Draft): DraftProblems {
  const problems: DraftProblems = {};
  const wholeNumber = (field: string, text: string, min: number, max: number) => {
    const value = number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems[field] = `a whole number from ${min} to ${max}`;
    }
  };
  const positive = (field: string, text: string, max: number) => {
    const value = number(text);
    if (!(value > 0) || value > max) problems[field] = `a number above 0, at most ${max}`;
  };
  const pressure = (text: string) => {
    if (!/^\d{2,3}\/\d{2,3}$/.test(text.trim())) {
      problems.bloodPressure = 'systolic/diastolic, e.g. 120/80';
    }
  };
  const chosen = (field: string, text: string) => {
    if (text === '') problems[field] = 'choose one';
  };
  const filled = (field: string, text: string) => {
    if (text.trim() === '') problems[field] = 'required';
  };
  switch (category) {
    case 'general-medicine': {
      const d = draft as Drafts['general-medicine'];
      chosen('gender', d.gender);
      chosen('bloodGroup', d.bloodGroup);
      chosen('diabetes', d.diabetes);
      wholeNumber('age', d.age, 0, 130);
      positive('weightLbs', d.weightLbs, 1500);
      positive('heightFeet', d.heightFeet, 9);
      pressure(d.bloodPressure);
      break;
    }
    case 'cardiac': {
      const d = draft as Drafts['cardiac'];
      wholeNumber('heartRate', d.heartRate, 20, 300);
      chosen('chestPain', d.chestPain);
      pressure(d.bloodPressure);
      if (d.cholesterolMgDl.trim() !== '') {
        const value = number(d.cholesterolMgDl);
        if (!(value >= 0 && value <= 1000)) problems.cholesterolMgDl = 'a number from 0 to 1000';
      }
      break;
    }
    case 'dentistry': {
      const d = draft as Drafts['dentistry'];
      const teeth = parseTeeth(d.teeth);
      if (teeth === undefined) problems.teeth = 'tooth numbers 11–48, separated by commas';
      filled('procedure', d.procedure);
      break;
    }
    case 'clinical-results': {
      const d = draft as Drafts['clinical-results'];
      filled('testName', d.testName);
      filled('result', d.result);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d.takenOn)) problems.takenOn = 'a date';
      break;
    }
    case 'dermatology': {
      const d = draft as Drafts['dermatology'];
      filled('condition', d.condition);
      filled('affectedArea', d.affectedArea);
      chosen('severity', d.severity);
      break;
    }
  }
  return problems;
}

function parseTeeth(text: string): number[] | undefined {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const teeth = parts.map(Number);
  return teeth.every((t) => Number.isInteger(t) && t >= 11 && t <= 48) ? teeth : undefined;
}

/** The record content the gateway takes, from a draft. */
export function contentOf(category: FormCategory, draft: Draft): RecordContent {
  switch (category) {
    case 'general-medicine': {
      const d = draft as Drafts['general-medicine'];
      return {
        category,
        form: {
          gender: d.gender as 'female' | 'male' | 'other',
          age: number(d.age),
          weightLbs: number(d.weightLbs),
          heightFeet: number(d.heightFeet),
          bloodGroup: d.bloodGroup as 'A+',
          bloodPressure: d.bloodPressure.trim(),
          diabetes: d.diabetes as 'yes' | 'no',
          foodAllergies: d.foodAllergies.trim(),
          ...(optionalText(d.notes) ? { notes: d.notes.trim() } : {}),
        },
      };
    }
    case 'clinical-results': {
      const d = draft as Drafts['clinical-results'];
      return {
        category,
        form: {
          testName: d.testName.trim(),
          result: d.result.trim(),
          ...(optionalText(d.unit) ? { unit: d.unit.trim() } : {}),
          ...(optionalText(d.referenceRange) ? { referenceRange: d.referenceRange.trim() } : {}),
          takenOn: d.takenOn,
          ...(optionalText(d.notes) ? { notes: d.notes.trim() } : {}),
        },
      };
    }
    case 'cardiac': {
      const d = draft as Drafts['cardiac'];
      const cholesterol = optionalNumber(d.cholesterolMgDl);
      return {
        category,
        form: {
          heartRate: number(d.heartRate),
          bloodPressure: d.bloodPressure.trim(),
          ecgFindings: d.ecgFindings.trim(),
          ...(cholesterol !== undefined ? { cholesterolMgDl: cholesterol } : {}),
          chestPain: d.chestPain as 'yes' | 'no',
          ...(optionalText(d.notes) ? { notes: d.notes.trim() } : {}),
        },
      };
    }
    case 'dermatology': {
      const d = draft as Drafts['dermatology'];
      return {
        category,
        form: {
          condition: d.condition.trim(),
          affectedArea: d.affectedArea.trim(),
          severity: d.severity as 'mild',
          treatment: d.treatment.trim(),
          ...(optionalText(d.notes) ? { notes: d.notes.trim() } : {}),
        },
      };
    }
    case 'dentistry': {
      const d = draft as Drafts['dentistry'];
      return {
        category,
        form: {
          teeth: parseTeeth(d.teeth) ?? [],
          procedure: d.procedure.trim(),
          findings: d.findings.trim(),
          ...(d.nextVisit ? { nextVisit: d.nextVisit } : {}),
          ...(optionalText(d.notes) ? { notes: d.notes.trim() } : {}),
        },
      };
    }
  }
}

/** A draft holding a stored record's values, to edit it. */
export function draftOf(content: StoredContent): Draft | undefined {
  if (content.category === 'document') return undefined;
  const form = content.form as unknown as Record<string, unknown>;
  const base = emptyDrafts[content.category] as unknown as Record<string, string>;
  const draft: Record<string, string> = { ...base };
  for (const key of Object.keys(base)) {
    const value = form[key];
    if (Array.isArray(value)) draft[key] = value.join(', ');
    else if (value !== undefined && value !== null) draft[key] = plainText(value);
  }
  return draft as unknown as Draft;
}
