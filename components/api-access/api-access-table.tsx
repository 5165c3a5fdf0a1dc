'use client';

import Link from 'next/link';
import { useCallback, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormMessage } from '@/components/form-message';
import { bulkDeleteApiAccessAction, deleteApiAccessAction, setApiAccessEnabledAction } from '@/lib/api-access/actions';
import type { ApiAccessStatus } from '@/lib/api-access/types';
import type { FormState } from '@/lib/forms/form-state';
import { enableWords } from './enable-words';
import { OptionsMenu } from './options-menu';
import { ScrollTable } from '@/components/scroll-table';
import { paths } from '@/lib/paths';

export type ApiAccessRowView = {
  id: string;
  name: string;
  description: string;
  tags: string[];
  type: string;
  status: ApiAccessStatus;
  enabled: boolean;
  leaked: boolean;
  expiringSoon: boolean;
  expiresAt: string;
  /** Relative ("in 29 days"), with the exact UTC time beside it for the title. */
  expiresAtLabel: string;
  expiresAtExact: string;
  lastUsedAt: string | null;
  lastUsedLabel: string;
  lastUsedExact: string | null;
};

export type SortHeader = { label: string; href?: string; ariaSort?: 'ascending' | 'descending' | 'none' };

/** The table body is interactive (selection, menus, dialogs); its data and URLs come from the server. */
export function ApiAccessTable({
  rows,
  headers,
  can,
  emptyState,
}: {
  /** Shown instead of the table when there are no rows (the notice of a deletion stays above it). */
  emptyState: React.ReactNode;
  rows: ApiAccessRowView[];
  headers: SortHeader[];
  can: { update: boolean; regenerate: boolean; delete: boolean; get: boolean };
}) {
  const [selected, setSelected] = useState<string[]>([]);
  const [pendingDelete, setPendingDelete] = useState<ApiAccessRowView | null>(null);
  const [pendingSwitch, setPendingSwitch] = useState<ApiAccessRowView | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [notice, setNotice] = useState<FormState | null>(null);
  const visibleSelected = selected.filter((id) => rows.some((row) => row.id === id));
  const allSelected = rows.length > 0 && visibleSelected.length === rows.length;

  // Only what the reader may do; someone who may only look gets no menu at all.
  const menuItems = (row: ApiAccessRowView) => [
    ...(can.update ? [{ label: 'Edit', href: paths.apiAccess.edit(row.id) }] : []),
    ...(can.regenerate ? [{ label: 'Regenerate', href: paths.apiAccess.regenerate(row.id) }] : []),
    ...(can.update ? [{ label: enableWords(row).label, onSelect: () => setPendingSwitch(row) }] : []),
    ...(can.delete ? [{ label: 'Delete', onSelect: () => setPendingDelete(row) }] : []),
  ];
  const toggle = (id: string) => setSelected((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));
  const closeSingle = useCallback(() => setPendingDelete(null), []);
  const closeSwitch = useCallback(() => setPendingSwitch(null), []);
  const onSwitched = useCallback((state: FormState) => setNotice(state), []);
  const switchWords = enableWords(pendingSwitch ?? { name: '', enabled: true });
  const closeBulk = useCallback(() => setBulkOpen(false), []);
  const onDeleted = useCallback((state: FormState) => {
    setNotice(state);
    setSelected([]);
  }, []);

  return (
    <>
      {notice?.message && <FormMessage state={notice} />}
      {rows.length === 0 ? (
        emptyState
      ) : (
        <>
          {can.delete && (
            <div className="bulk-bar">
              <button type="button" className="button danger" disabled={visibleSelected.length === 0} onClick={() => setBulkOpen(true)}>
                Delete selected
              </button>
              <span className="muted" aria-live="polite">
                {visibleSelected.length ? `${visibleSelected.length} selected` : ''}
              </span>
            </div>
          )}
          <ScrollTable label="API Access table">
            <thead>
              <tr>
                {can.delete && (
                  <th scope="col" className="select-cell">
                    <input
                      type="checkbox"
                      aria-label="Select all"
                      checked={allSelected}
                      ref={(element) => {
                        if (element) element.indeterminate = visibleSelected.length > 0 && !allSelected;
                      }}
                      onChange={() => setSelected(allSelected ? [] : rows.map((row) => row.id))}
                    />
                  </th>
                )}
                {headers.map((header) => (
                  <th key={header.label} scope="col" aria-sort={header.ariaSort}>
                    {header.href ? (
                      <Link href={header.href} className="sort-link">
                        {header.label}
                        <span aria-hidden="true">
                          {header.ariaSort === 'ascending' ? ' ▲' : header.ariaSort === 'descending' ? ' ▼' : ''}
                        </span>
                      </Link>
                    ) : (
                      header.label
                    )}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} aria-selected={can.delete ? visibleSelected.includes(row.id) : undefined}>
                  {can.delete && (
                    <td className="select-cell">
                      <input
                        type="checkbox"
                        aria-label={`Select ${row.name}`}
                        checked={visibleSelected.includes(row.id)}
                        onChange={() => toggle(row.id)}
                      />
                    </td>
                  )}
                  <td>{can.get ? <Link href={paths.apiAccess.detail(row.id)}>{row.name}</Link> : row.name}</td>
                  <td>
                    <code>{row.id}</code>
                  </td>
                  <td className="description-cell">{row.description}</td>
                  <td>
                    <ul className="tags">
                      {row.tags.map((tag) => (
                        <li key={tag} className="tag">
                          {tag}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="nowrap">{row.type}</td>
                  <td>
                    <time dateTime={row.expiresAt} title={row.expiresAtExact}>
                      {row.expiresAtLabel}
                    </time>
                  </td>
                  <td>
                    <span className={`status status-${row.status.toLowerCase()}`}>{row.status}</span>
                    {row.leaked && <span className="status status-leaked">Leaked</span>}
                    {row.expiringSoon && <span className="status status-expiring-soon">Expiring soon</span>}
                  </td>
                  <td>
                    {row.lastUsedAt ? (
                      <time dateTime={row.lastUsedAt} title={row.lastUsedExact ?? undefined}>
                        {row.lastUsedLabel}
                      </time>
                    ) : (
                      row.lastUsedLabel
                    )}
                  </td>
                  <td>{menuItems(row).length > 0 && <OptionsMenu label={`Options for ${row.name}`} items={menuItems(row)} />}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
      <ConfirmDialog
        key={pendingDelete?.id ?? 'none'}
        open={pendingDelete !== null}
        onClose={closeSingle}
        onDone={onDeleted}
        action={deleteApiAccessAction}
        fields={{ id: pendingDelete?.id ?? '' }}
        title={`Delete ${pendingDelete?.name ?? ''}?`}
        body="Its token stops working at once. This cannot be undone."
        confirmLabel="Delete"
      />
      <ConfirmDialog
        key={`switch-${pendingSwitch?.id ?? 'none'}`}
        open={pendingSwitch !== null}
        onClose={closeSwitch}
        onDone={onSwitched}
        action={setApiAccessEnabledAction}
        fields={{ id: pendingSwitch?.id ?? '', enabled: String(!pendingSwitch?.enabled) }}
        title={switchWords.title}
        body={switchWords.body}
        confirmLabel={switchWords.confirmLabel}
      />
      <ConfirmDialog
        open={bulkOpen}
        onClose={closeBulk}
        onDone={onDeleted}
        action={bulkDeleteApiAccessAction}
        fields={{ ids: visibleSelected }}
        title={`Delete ${visibleSelected.length} API Access?`}
        body={`The ${visibleSelected.length === 1 ? 'token stops' : `${visibleSelected.length} tokens stop`} working at once. This cannot be undone.`}
        confirmLabel={`Delete ${visibleSelected.length}`}
      />
    </>
  );
}
