'use client';

import Link from 'next/link';
import { useId, useState } from 'react';

import type { ListParams } from '@/lib/api-access/table-params';
import { POSITION_PARAMS } from '@/lib/api-access/table-url';

type Params = ListParams;

/** Hidden copies of the table state that a GET form would otherwise drop. */
function Keep({ params, omit }: { params: Params; omit: (keyof Params)[] }) {
  return (
    <>
      {(Object.entries(params) as [keyof Params, unknown][])
        .filter(([key, value]) => !omit.includes(key) && value !== undefined && value !== '')
        .map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={String(value)} />
        ))}
    </>
  );
}

/**
 * Search and filters are plain GET forms: the URL holds the whole table state,
 * so a view can be shared and the back button works.
 */
export function TableToolbar({
  params,
  roles,
  tags,
  path,
}: {
  params: Params;
  roles: { id: string; name: string }[] | null;
  tags: string[];
  path: string;
}) {
  const activeFilters = [params.status, params.role, params.tag].filter(Boolean).length;
  const [open, setOpen] = useState(activeFilters > 0);
  const panelId = useId();
  return (
    <div className="toolbar">
      <form method="get" action={path} role="search" className="search">
        <label htmlFor="search" className="visually-hidden">
          Search by name
        </label>
        <input id="search" name="q" type="search" placeholder="Search by name" defaultValue={params.q} maxLength={64} />
        <Keep params={params} omit={['q', ...POSITION_PARAMS]} />
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <button type="button" className="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((value) => !value)}>
        Filters
        {activeFilters > 0 && (
          // Outside the accessible name, which stays exactly "Filters"; the panel itself shows what is set.
          <span className="badge" aria-hidden="true">
            {activeFilters}
          </span>
        )}
      </button>
      <form method="get" action={path} id={panelId} hidden={!open} className="filters" aria-label="Filters">
        <Keep params={params} omit={['status', 'role', 'tag', ...POSITION_PARAMS]} />
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={params.status ?? ''}>
            <option value="">Any</option>
            <option value="Active">Active</option>
            <option value="ExpiringSoon">Expiring soon</option>
            <option value="Disabled">Disabled</option>
            <option value="Expired">Expired</option>
          </select>
        </div>
        {roles && (
          <div className="field">
            <label htmlFor="filter-role">Role</label>
            <select id="filter-role" name="role" defaultValue={params.role ?? ''}>
              <option value="">Any</option>
              {roles.map((role) => (
                <option key={role.id} value={role.id}>
                  {role.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="filter-tag">Tag</label>
          <input
            id="filter-tag"
            name="tag"
            list="filter-tag-options"
            defaultValue={params.tag ?? ''}
            placeholder="Type to search tags"
            autoComplete="off"
          />
          <datalist id="filter-tag-options">
            {tags.map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
        </div>
        <div className="actions">
          <button type="submit" className="button primary">
            Apply filters
          </button>
          <Link
            className="button"
            href={`${path}?${new URLSearchParams({ q: params.q, sort: params.sort, dir: params.dir, size: String(params.size) })}`}
          >
            Clear filters
          </Link>
        </div>
      </form>
    </div>
  );
}
