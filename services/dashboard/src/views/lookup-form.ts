// The search form of the orders and jobs pages: an id (opens it), or a status and a tenant.
import { html, type Html } from './html.ts';

export interface LookupFilter {
  status?: string | undefined;
  tenant?: string | undefined;
}

export function lookupForm(action: string, statuses: readonly string[], filter: LookupFilter): Html {
  return html`<form class="filters" method="get" action="${action}">
    <label>Id <input name="id" placeholder="open by id" size="34" /></label>
    <label
      >Status
      <select name="status">
        <option value="">any status</option>
        ${statuses.map(
          (status) =>
            html`<option value="${status}" ${status === filter.status ? html` selected` : null}>
              ${status}
            </option>`,
        )}
      </select></label
    >
    <label
      >Tenant <input name="tenant" value="${filter.tenant ?? ''}" placeholder="every tenant" size="16"
    /></label>
    <button type="submit">Find</button>
  </form>`;
}
