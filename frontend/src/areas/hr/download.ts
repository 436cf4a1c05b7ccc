// The readiness board as CSV, with the board's filters:
// GET /export/positions/{id}/readiness.csv?status=&team=.
import { download } from '../../api/download';

export function readinessCsvUrl(positionId: string, status?: string | null, teamId?: string | null): string {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (teamId) q.set('team', teamId);
  const qs = q.toString();
  return `/export/positions/${encodeURIComponent(positionId)}/readiness.csv${qs ? `?${qs}` : ''}`;
}

/** Fetches the CSV and hands it to the browser as a download; throws ApiError on failure. */
export function downloadReadinessCsv(positionId: string, positionCode: string, status?: string | null, teamId?: string | null): Promise<void> {
  return download(readinessCsvUrl(positionId, status, teamId), `readiness-${positionCode}${status ? `-${status}` : ''}.csv`);
}
