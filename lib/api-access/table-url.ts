import type { ListParams } from './queries';
import { paths } from '@/lib/paths';

const DEFAULTS: Partial<Record<keyof ListParams, string>> = { q: '', sort: 'created', dir: 'desc', page: '1', size: '25' };

/** The table URL for `params` with `changes` applied; defaults are left out to keep links short. */
export function tableHref(params: ListParams, changes: Partial<ListParams> = {}): string {
  const merged = { ...params, ...changes };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === '' || DEFAULTS[key as keyof ListParams] === String(value)) continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${paths.apiAccess.table}?${text}` : paths.apiAccess.table;
}
