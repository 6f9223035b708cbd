// A tenant's webhook endpoint, from `tenant_settings` ({_id: tenantId, webhookUrl, webhookSecret,
// webhookSecrets}). No document or no URL means the tenant wants no webhooks. Secrets are `whsec_<base64>`;
// `webhookSecrets` holds several during a rotation (every one signs each webhook), `webhookSecret` one.
import { PermanentError } from '@conveyor/contracts';
import type { Db } from 'mongodb';
import { z } from 'zod';
import { notifierCollections } from '../collections.ts';
import { NotifierErrorCode } from '../notifier-error-codes.ts';
import { webhookSecretPattern } from './webhook-signature.ts';

const whsecSecret = z
  .string()
  .regex(webhookSecretPattern, 'must be whsec_ and the base64 of at least 24 bytes');

export const tenantSettingsDocument = z.object({
  _id: z.string(),
  webhookUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).nullish(),
  webhookSecret: whsecSecret.nullish(),
  webhookSecrets: z.array(whsecSecret).max(10).nullish(),
});

export type TenantSettingsDocument = z.infer<typeof tenantSettingsDocument>;

export interface WebhookEndpoint {
  url: string;
  /** Every active secret: one during normal operation, several during a rotation. */
  secrets: string[];
}

export type FindTenantWebhook = (tenantId: string) => Promise<WebhookEndpoint | undefined>;

export function tenantWebhooks(db: Db): FindTenantWebhook {
  const settings = db.collection<TenantSettingsDocument>(notifierCollections.tenantSettings);
  return async (tenantId) => {
    const found = await settings.findOne({ _id: tenantId });
    if (found === null) return undefined;
    const parsed = tenantSettingsDocument.safeParse(found);
    if (!parsed.success) throw invalid(tenantId, z.prettifyError(parsed.error));
    const { webhookUrl, webhookSecret, webhookSecrets } = parsed.data;
    if (webhookUrl === undefined || webhookUrl === null) return undefined;
    const secrets = [...new Set([...(webhookSecrets ?? []), ...(webhookSecret ? [webhookSecret] : [])])];
    // An unsigned webhook could be forged by anyone who learns the URL: none is sent.
    if (secrets.length === 0) throw invalid(tenantId, 'webhookUrl is set without a webhookSecret(s)');
    return { url: webhookUrl, secrets };
  };
}

function invalid(tenantId: string, why: string): PermanentError {
  return new PermanentError(
    NotifierErrorCode.tenantSettingsInvalid,
    `webhook settings of tenant ${tenantId}: ${why}`,
  );
}
