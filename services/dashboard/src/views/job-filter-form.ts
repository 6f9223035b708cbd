// The jobs page's search form: an id (opens it), or a status, type, tenant and creation time window.
// Times are UTC, as every page shows them (a datetime-local input has no zone).
import { jobStatuses } from '@conveyor/jobs';
import { html, type Html } from './html.ts';

export interface JobFilter {
  status?: string | undefined;
  type?: string | undefined;
  tenant?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
}

/** The value a datetime-local input shows for an instant, in UTC. */
function localValue(at: Date | undefined): string {
  return at === undefined ? '' : at.toISOString().slice(0, 19);
}

/** The filter as a query string (no cursor), for the next page's link. */
export function jobFilterQuery(filter: JobFilter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.status !== undefined) query.set('status', filter.status);
  if (filter.type !== undefined) query.set('type', filter.type);
  if (filter.tenant !== undefined) query.set('tenant', filter.tenant);
  if (filter.since !== undefined) query.set('since', filter.since.toISOString());
  if (filter.until !== undefined) query.set('until', filter.until.toISOString());
  return query;
}

export function jobFilterForm(filter: JobFilter): Html {
  return html`<form class="filters" method="get" action="/jobs">
    <label>Id <input name="id" placeholder="open by id" size="30" /></label>
    <label
      >Status
      <select name="status">
        <option value="">any status</option>
        ${jobStatuses.map(
          (status) =>
            html`<option value="${status}" ${status === filter.status ? html` selected` : null}>
              ${status}
            </option>`,
        )}
      </select></label
    >
    <label>Type <input name="type" value="${filter.type ?? ''}" placeholder="any type" size="18" /></label>
    <label
      >Tenant <input name="tenant" value="${filter.tenant ?? ''}" placeholder="every tenant" size="14"
    /></label>
    <label
      >Created from (UTC)
      <input type="datetime-local" step="1" name="since" value="${localValue(filter.since)}"
    /></label>
    <label
      >Created before (UTC)
      <input type="datetime-local" step="1" name="until" value="${localValue(filter.until)}"
    /></label>
    <button type="submit">Find</button>
  </form>`;
}
