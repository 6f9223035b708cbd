// The login form: the admin key, posted once; the answer sets the session cookie.
import type { PageContext } from '../http/send-page.ts';
import { html, type Html } from './html.ts';
import { layout, type Notice } from './layout.ts';

export function loginPage(context: PageContext, next: string, notice?: Notice): Html {
  const content = html`<div class="login">
    <form method="post" action="/login">
      <label
        >Admin key <input type="password" name="key" autocomplete="current-password" required autofocus
      /></label>
      <input type="hidden" name="next" value="${next}" />
      <button type="submit" class="primary">Log in</button>
    </form>
    <p class="muted">The key is the dashboard's DASHBOARD_ADMIN_KEY.</p>
  </div>`;
  return layout(context, { title: 'Conveyor dashboard', content, notice, bare: true });
}
