'use client';

import { Checkbox, RadioGroup } from 'radix-ui';
import { useId } from 'react';

interface GroupProps {
  legend: string;
  options: readonly { value: string; label: string }[];
  error?: string | undefined;
}

function GroupFrame({
  legend,
  error,
  errorId,
  children,
}: GroupProps & { errorId: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {children}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Several of a vocabulary (Radix checkboxes, each labelled). */
export function CheckboxGroup(props: GroupProps & { value: string[]; onChange: (value: string[]) => void }) {
  const id = useId();
  return (
    <GroupFrame {...props} errorId={`${id}-error`}>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {props.options.map((option) => {
          const checked = props.value.includes(option.value);
          return (
            <div key={option.value} className="flex items-center gap-2 text-sm">
              <Checkbox.Root
                id={`${id}-${option.value}`}
                checked={checked}
                aria-invalid={Boolean(props.error)}
                onCheckedChange={(next) =>
                  props.onChange(
                    next === true
                      ? [...props.value, option.value]
                      : props.value.filter((value) => value !== option.value),
                  )
                }
                className="flex h-4 w-4 items-center justify-center rounded border border-slate-400 bg-white data-[state=checked]:border-brand-700 data-[state=checked]:bg-brand-700"
              >
                <Checkbox.Indicator className="text-[10px] leading-none text-white">✓</Checkbox.Indicator>
              </Checkbox.Root>
              <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </GroupFrame>
  );
}

/** One of a vocabulary (Radix radio group: arrow keys move between choices). */
export function RadioChoice(props: GroupProps & { value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <GroupFrame {...props} errorId={`${id}-error`}>
      <RadioGroup.Root value={props.value} onValueChange={props.onChange} className="flex flex-col gap-2">
        {props.options.map((option) => (
          <div key={option.value} className="flex items-center gap-2 text-sm">
            <RadioGroup.Item
              id={`${id}-${option.value}`}
              value={option.value}
              className="flex h-4 w-4 items-center justify-center rounded-full border border-slate-400 bg-white data-[state=checked]:border-brand-700"
            >
              <RadioGroup.Indicator className="h-2 w-2 rounded-full bg-brand-700" />
            </RadioGroup.Item>
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </RadioGroup.Root>
    </GroupFrame>
  );
}
