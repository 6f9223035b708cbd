// conveyor keys create|list|revoke: the gateway's API keys, kept (hashed) in MongoDB's `api_keys`
// (MONGO_URL, MONGO_DB). A key is printed once, when created; only its id can be shown afterwards.
import { tenantId } from '@conveyor/contracts';
import type { ApiKeyInfo, ApiKeyStore } from '@conveyor/api-keys';
import type { Command } from '../command.ts';
import type { CommandContext } from '../command-context.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { UsageError } from '../errors/usage-error.ts';
import { formatTable } from '../format-table.ts';
import { expectPositionals, parseCommandLine } from '../parse-command-line.ts';

async function openApiKeyStore(context: CommandContext): Promise<ApiKeyStore> {
  const { createApiKeyStore } = await import('@conveyor/api-keys');
  return createApiKeyStore(await context.connections().store());
}

function checkTenant(command: string, tenant: string | undefined): string {
  if (tenant === undefined) throw new UsageError('missing --tenant <id>', command);
  if (!tenantId.safeParse(tenant).success)
    throw new UsageError(`--tenant must be lowercase letters, digits and -, not '${tenant}'`, command);
  return tenant;
}

const createCommand: Command = {
  name: 'create',
  summary: 'create an API key for a tenant (printed once)',
  help: `Usage: conveyor keys create --tenant <id> [--label <text>] [--json]

Prints the new key alone on stdout (notes go to stderr), so that it can be captured:
  export CONVEYOR_API_KEY=$(conveyor keys create --tenant acme --label ci)
The key is shown only this once: only its SHA-256 is stored. Callers send it to the gateway as
'Authorization: Bearer <key>' (or 'X-Api-Key: <key>'); it acts for its tenant.`,
  async run(args, context) {
    const command = 'keys create';
    const { values, positionals } = parseCommandLine(command, args, {
      tenant: { type: 'string' },
      label: { type: 'string' },
    });
    expectPositionals(command, positionals, []);
    const tenant = checkTenant(command, values.tenant);
    const apiKeys = await openApiKeyStore(context);
    const { key, info } = await apiKeys.create({ tenantId: tenant, label: values.label ?? '' });
    if (!context.output.json)
      context.output.note(
        `created API key ${info.id} for tenant ${tenant}; it is shown only this once, keep it now.\n` +
          `use it with: export CONVEYOR_API_KEY=<key>   or   curl -H 'Authorization: Bearer <key>' ...`,
      );
    context.output.result({ ...viewOf(info), key }, () => key);
  },
};

const listCommand: Command = {
  name: 'list',
  summary: 'list API keys (ids, tenants, labels; never the keys)',
  help: `Usage: conveyor keys list [--tenant <id>] [--all] [--json]

Active keys, by tenant; --all includes revoked ones.`,
  async run(args, context) {
    const command = 'keys list';
    const { values, positionals } = parseCommandLine(command, args, {
      tenant: { type: 'string' },
      all: { type: 'boolean' },
    });
    expectPositionals(command, positionals, []);
    const tenant = values.tenant === undefined ? undefined : checkTenant(command, values.tenant);
    const keys = await (
      await openApiKeyStore(context)
    ).list({ ...(tenant === undefined ? {} : { tenantId: tenant }), includeRevoked: values.all === true });
    const items = keys.map(viewOf);
    context.output.result({ items }, () => formatKeys(keys));
  },
};

const revokeCommand: Command = {
  name: 'revoke',
  summary: 'revoke an API key: the gateway refuses it from now on',
  help: `Usage: conveyor keys revoke <key-id> [--json]

The key id is the part after cvk_ (as 'keys list' shows it). The record is kept, marked revoked, so
that logs naming the id still resolve. Exit code 3 when there is no such key.`,
  async run(args, context) {
    const command = 'keys revoke';
    const { positionals } = parseCommandLine(command, args, {});
    const [id = ''] = expectPositionals(command, positionals, ['<key-id>']);
    const revoked = await (await openApiKeyStore(context)).revoke(id);
    if (revoked === null) throw new NotFoundError('API key', id);
    const view = viewOf(revoked.info);
    context.output.result({ ...view, revokedNow: revoked.revokedNow }, () =>
      revoked.revokedNow
        ? `revoked API key ${id} (tenant ${view.tenantId})`
        : `API key ${id} was already revoked at ${view.revokedAt ?? '?'}`,
    );
  },
};

function viewOf(info: ApiKeyInfo) {
  return {
    id: info.id,
    tenantId: info.tenantId,
    label: info.label,
    createdAt: info.createdAt.toISOString(),
    revokedAt: info.revokedAt?.toISOString() ?? null,
  };
}

function formatKeys(keys: readonly ApiKeyInfo[]): string {
  if (keys.length === 0) return 'no API keys';
  return formatTable(
    ['ID', 'TENANT', 'LABEL', 'CREATED', 'REVOKED'],
    keys.map((key) => [
      key.id,
      key.tenantId,
      key.label === '' ? '-' : key.label,
      key.createdAt.toISOString(),
      key.revokedAt?.toISOString() ?? '-',
    ]),
  );
}

export const keysCommand: Command = {
  name: 'keys',
  summary: "create, list and revoke the gateway's API keys",
  help: `API keys are stored hashed in MongoDB (MONGO_URL, MONGO_DB, collection api_keys); each acts for
one tenant. The gateway reads them on every request, so a revoked key is refused at once.`,
  subcommands: [createCommand, listCommand, revokeCommand],
};
