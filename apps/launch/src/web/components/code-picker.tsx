import { cn } from '@openpas/ui/cn';
import { useQuery } from '@tanstack/react-query';
import { useCombobox } from 'downshift';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { type Expansion, expand } from '../smart/fhir.ts';
import { useSession } from '../smart/session-context.tsx';

export interface PickedCode {
  code: string;
  display: string;
}

interface CodePickerProps {
  id: string;
  /** The value set searched (ValueSet/$expand?url=…&filter=…) */
  valueSet: string;
  value: PickedCode;
  onChange: (picked: PickedCode) => void;
  invalid?: boolean;
  describedBy?: string | undefined;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * A type-ahead over one of the guide's value sets, served by the FHIR API's terminology ($expand with a
 * filter that matches codes and Chinese or English displays). An ARIA combobox (downshift).
 */
export function CodePicker({ id, valueSet, value, onChange, invalid, describedBy }: CodePickerProps) {
  const t = useTranslations('picker');
  const { client, guard } = useSession();
  const [input, setInput] = useState(value.code ? `${value.code} ${value.display}`.trim() : '');
  const filter = useDebounced(input.trim(), 200);
  const results = useQuery<Expansion>({
    queryKey: ['expand', valueSet, filter],
    queryFn: () => expand(client, valueSet, filter).catch(guard),
    enabled: filter.length >= 1,
    staleTime: 5 * 60_000,
  });
  const items = results.data?.contains ?? [];
  const combobox = useCombobox({
    id,
    inputId: id,
    items,
    inputValue: input,
    itemToString: (item) => (item ? `${item.code} ${item.display}` : ''),
    onInputValueChange: ({ inputValue }) => setInput(inputValue ?? ''),
    onSelectedItemChange: ({ selectedItem }) => {
      if (selectedItem) onChange({ code: selectedItem.code, display: selectedItem.display });
    },
  });
  return (
    <div className="relative">
      <input
        {...combobox.getInputProps({
          'aria-invalid': invalid,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        })}
        placeholder={t('placeholder')}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
      />
      <ul
        {...combobox.getMenuProps()}
        className={cn(
          'absolute z-10 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-200 bg-white shadow-lg',
          !(combobox.isOpen && filter) && 'hidden',
        )}
      >
        {combobox.isOpen && results.isFetching && items.length === 0 ? (
          <li className="px-3 py-2 text-sm text-slate-500">{t('searching')}</li>
        ) : null}
        {combobox.isOpen && !results.isFetching && filter && items.length === 0 ? (
          <li className="px-3 py-2 text-sm text-slate-500">{t('none')}</li>
        ) : null}
        {combobox.isOpen &&
          items.map((item, index) => (
            <li
              key={`${item.system}|${item.code}`}
              {...combobox.getItemProps({ item, index })}
              className={cn(
                'cursor-pointer px-3 py-2 text-sm',
                combobox.highlightedIndex === index && 'bg-brand-100',
              )}
            >
              <span className="font-mono text-xs text-slate-600">{item.code}</span> {item.display}
            </li>
          ))}
        {combobox.isOpen && results.data && results.data.total > items.length ? (
          <li className="px-3 py-2 text-xs text-slate-500">{t('more', { total: results.data.total })}</li>
        ) : null}
      </ul>
    </div>
  );
}
