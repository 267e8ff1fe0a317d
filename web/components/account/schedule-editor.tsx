'use client';

import type { WorkingHours } from '@patrec/contract';
import { WEEKDAYS } from '@patrec/contract/core';
import { weekdayLabel } from '@/lib/words';
import type { FieldProblemLine } from '../ui/error-summary';

/** One weekday of the editor: ticked or not, with its hours kept while unticked. */
export interface ScheduleDay {
  on: boolean;
  from: string;
  to: string;
}

/** The editor's days for a schedule; a new doctor starts with Monday to Friday, 9 to 5. */
export function scheduleDays(schedule?: readonly WorkingHours[]): ScheduleDay[] {
  return WEEKDAYS.map((day, index) => {
    const hours = schedule?.find((entry) => entry.day === day);
    if (hours) return { on: true, from: hours.from, to: hours.to };
    return { on: !schedule && index < 5, from: '09:00', to: '17:00' };
  });
}

/** The schedule the API takes: the ticked days, in weekday order. */
export function scheduleOf(days: readonly ScheduleDay[]): WorkingHours[] {
  return days.flatMap((day, index) =>
    day.on ? [{ day: WEEKDAYS[index] ?? 'monday', from: day.from, to: day.to }] : [],
  );
}

/**
 * The first problem the gateway found with the schedule, named by its weekday: `schedule.1.to`
 * is about the second day sent, which is the second day ticked.
 */
export function scheduleProblemOf(
  fieldErrors: Partial<Record<string, string>>,
  days: readonly ScheduleDay[],
): FieldProblemLine | undefined {
  const ticked = WEEKDAYS.filter((_, index) => days[index]?.on);
  return Object.entries(fieldErrors)
    .flatMap(([field, message]): FieldProblemLine[] => {
      const entry = /^schedule\.(\d+)/.exec(field)?.[1];
      if (!message || (field !== 'schedule' && entry === undefined)) return [];
      const day = entry === undefined ? undefined : ticked[Number(entry)];
      return [
        {
          name: `schedule-${day ?? WEEKDAYS[0]}`,
          label: day ? `Consulting hours, ${weekdayLabel[day]}` : 'Consulting hours',
          message,
        },
      ];
    })
    .at(0);
}

/** Consulting hours: a tick and a from–to time for each weekday. */
export function ScheduleEditor({
  days,
  onChange,
  problem,
}: {
  days: readonly ScheduleDay[];
  onChange: (days: ScheduleDay[]) => void;
  problem: FieldProblemLine | undefined;
}) {
  return (
    <fieldset>
      <legend>Consulting hours</legend>
      <div className="schedule">
        {WEEKDAYS.map((day, index) => {
          const entry = days[index] ?? { on: false, from: '09:00', to: '17:00' };
          const update = (change: Partial<ScheduleDay>) =>
            onChange(days.map((d, i) => (i === index ? { ...d, ...change } : d)));
          const label = weekdayLabel[day];
          return (
            <div className="schedule-day" key={day}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  name={`schedule-${day}`}
                  checked={entry.on}
                  onChange={(e) => update({ on: e.target.checked })}
                />
                {label}
              </label>
              <input
                type="time"
                aria-label={`${label} from`}
                value={entry.from}
                disabled={!entry.on}
                onChange={(e) => update({ from: e.target.value })}
              />
              <span aria-hidden="true">–</span>
              <input
                type="time"
                aria-label={`${label} to`}
                value={entry.to}
                disabled={!entry.on}
                onChange={(e) => update({ to: e.target.value })}
              />
            </div>
          );
        })}
      </div>
      {problem ? (
        <small className="field-error">{`${problem.label}: ${problem.message}`}</small>
      ) : null}
    </fieldset>
  );
}
