// mongosh script run by docker compose's mongo-init as the root user: one role and one user per
// service (service-roles.json), each role granting only the listed actions on the listed collections
// of the `conveyor` database. Idempotent: existing roles and users are brought to what the file says.
// Passwords are LOCAL-DEVELOPMENT DEFAULTS (`<user>-local-dev-only`), as in docker-compose.yml;
// production creates its users with passwords from its secret manager.
/* global db, print, require -- mongosh's globals */
const { database, roles } = JSON.parse(require('fs').readFileSync('/service-roles.json', 'utf8'));
const conveyor = db.getSiblingDB(database);

for (const [user, collections] of Object.entries(roles)) {
  const role = `conveyor-${user}`;
  const privileges = Object.entries(collections).map(([collection, actions]) => ({
    resource: { db: database, collection },
    actions,
  }));
  if (conveyor.getRole(role) === null) conveyor.createRole({ role, privileges, roles: [] });
  else conveyor.updateRole(role, { privileges, roles: [] });
  const pwd = `${user}-local-dev-only`;
  if (conveyor.getUser(user) === null) conveyor.createUser({ user, pwd, roles: [role] });
  else conveyor.updateUser(user, { pwd, roles: [role] });
  print(`mongo-init: ${user} has role ${role} on ${privileges.length} collections`);
}
