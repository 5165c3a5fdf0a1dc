import type { ListParams } from './table-params';
import { paths } from '@/lib/paths';

const DEFAULTS: Partial<Record<keyof ListParams, string>> = { q: '', sort: 'created', dir: 'desc', size: '25' };

/** Where in the table a page is: any other change (search, filter, sort, size) starts again from the first page. */
export const POSITION_PARAMS = ['after', 'before', 'last'] as const satisfies (keyof ListParams)[];

/** The table URL for `params` with `changes` applied; defaults are left out to keep links short. */
export function tableHref(params: ListParams, changes: Partial<ListParams> = {}): string {
  const merged: Partial<ListParams> = { ...params, after: undefined, before: undefined, last: undefined, ...changes };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === '' || DEFAULTS[key as keyof ListParams] === String(value)) continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${paths.apiAccess.table}?${text}` : paths.apiAccess.table;
}
