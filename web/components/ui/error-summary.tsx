'use client';

import { useEffect, useRef } from 'react';

/** One wrong field: its input's name, what a person calls it, and what to do about it. */
export interface FieldProblemLine {
  name: string;
  label: string;
  message: string;
}

/**
 * What is wrong with a form, at its top, before the fields: each problem by the field's label,
 * a link that takes the cursor to the field. It takes the focus when it appears and at each
 * new `attempt` (a submit), so a keyboard or screen-reader user hears why nothing was saved
 * and can go straight to the field; correcting a field does not pull the focus away.
 */
export function ErrorSummary({
  title,
  problems,
  attempt,
}: {
  title: string;
  problems: FieldProblemLine[];
  attempt: number;
}) {
  const summary = useRef<HTMLDivElement>(null);
  const shown = problems.length > 0;
  useEffect(() => {
    if (shown) summary.current?.focus();
  }, [shown, attempt]);
  if (problems.length === 0) return null;

  const goTo = (name: string) => {
    const input = summary.current
      ?.closest('form')
      ?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
    input?.scrollIntoView({ block: 'center' });
    input?.focus();
  };

  return (
    <div
      ref={summary}
      className="notice notice-error error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
    >
      <strong id="error-summary-title">{title}</strong>
      <ul>
        {problems.map((problem) => (
          <li key={problem.name}>
            <a
              href={`#${problem.name}`}
              onClick={(event) => {
                event.preventDefault();
                goTo(problem.name);
              }}
            >
              {problem.label}
            </a>
            : {lowerFirst(problem.message)}
          </li>
        ))}
      </ul>
    </div>
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
