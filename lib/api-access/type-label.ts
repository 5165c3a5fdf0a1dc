import type { ApiAccessRow } from '@/db/schema';

/** What the pages call each type; the API keeps the code (`API_KEY`). */
const TYPE_LABELS: Record<ApiAccessRow['type'], string> = { API_KEY: 'API Key' };

export const typeLabel = (type: ApiAccessRow['type']) => TYPE_LABELS[type];
